import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActionResult } from '@/lib/actions';
import { CompanionModerationActions, type ModerationState } from './companion-moderation-actions';

const ID = '5f0c1c9e-7d4b-4a8e-9a55-0d3c2b1a0f01';

const { answers, moderateCompanionAction } = vi.hoisted(() => {
  const answers: ((result: ActionResult) => void)[] = [];
  const moderateCompanionAction = vi.fn<(id: string, action: string) => Promise<ActionResult>>(
    () => new Promise<ActionResult>((answer) => answers.push(answer)),
  );
  return { answers, moderateCompanionAction };
});
vi.mock('@/app/admin/community/actions', () => ({ moderateCompanionAction }));

beforeEach(() => {
  answers.length = 0;
  moderateCompanionAction.mockClear();
});

const companion = (over: Partial<ModerationState> = {}): ModerationState => ({
  id: ID,
  name: 'Juniper',
  hidden: false,
  featured: false,
  removed: false,
  nsfw: false,
  openReports: 0,
  ...over,
});
const buttons = () =>
  screen
    .getAllByRole('button')
    .filter((b) => !b.closest('dialog'))
    .map((b) => b.textContent);

describe('a moderation queue row’s actions', () => {
  it('offer what applies to the companion as it is', () => {
    const { unmount } = render(<CompanionModerationActions companion={companion()} />);
    expect(screen.getByRole('group', { name: 'Moderate Juniper' })).toBeTruthy();
    expect(buttons()).toEqual(['Hide', 'Feature', 'Mark NSFW', 'Remove']);
    unmount();

    render(
      <CompanionModerationActions
        companion={companion({ hidden: true, featured: true, nsfw: true, openReports: 2 })}
      />,
    );
    expect(buttons()).toEqual(['Unhide', 'Unfeature', 'Dismiss reports', 'Remove']);
  });

  it('run one at a time, naming the one on its way, and show a refusal inline', async () => {
    render(<CompanionModerationActions companion={companion({ openReports: 1 })} />);
    fireEvent.click(screen.getByRole('button', { name: 'Hide' }));
    expect(moderateCompanionAction).toHaveBeenCalledWith(ID, 'hide');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Hiding…' })).toBeTruthy());
    expect((screen.getByRole('button', { name: 'Feature' }) as HTMLButtonElement).disabled).toBe(true);
    await act(async () => answers[0]!({ ok: true }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Juniper: hidden.'));
    expect((screen.getByRole('button', { name: 'Feature' }) as HTMLButtonElement).disabled).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Dismiss reports' }));
    await act(async () => answers[1]!({ ok: false, error: 'Only admins can do this.' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Only admins can do this.'));
  });

  it('remove only after the app’s confirm dialog says yes', async () => {
    render(<CompanionModerationActions companion={companion()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    const dialog = (await screen.findByRole('dialog', { name: 'Remove Juniper?' })) as HTMLDialogElement;
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(dialog.open).toBe(false));
    expect(moderateCompanionAction).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(dialog.open).toBe(true));
    const confirm = [...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Remove')!;
    fireEvent.click(confirm);
    await waitFor(() => expect(moderateCompanionAction).toHaveBeenCalledWith(ID, 'remove'));
  });
});
