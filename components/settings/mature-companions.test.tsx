import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActionResult } from '@/lib/actions';
import { MatureCompanions } from './mature-companions';

const { answers, matureCompanionsAction } = vi.hoisted(() => {
  const answers: ((result: ActionResult) => void)[] = [];
  const matureCompanionsAction = vi.fn<(confirmed: boolean) => Promise<ActionResult>>(
    () => new Promise<ActionResult>((a) => answers.push(a)),
  );
  return { answers, matureCompanionsAction };
});
vi.mock('@/app/(app)/settings/actions', () => ({ matureCompanionsAction }));

beforeEach(() => {
  answers.length = 0;
  matureCompanionsAction.mockClear();
});

const box = () => screen.getByRole('checkbox', { name: /Show NSFW companions in the Community/ }) as HTMLInputElement;

describe('Settings › Mature companions', () => {
  it('saves the choice as it changes', async () => {
    render(<MatureCompanions confirmed={false} isGuest={false} />);
    expect(box().checked).toBe(false);
    fireEvent.click(box());
    expect(box().checked).toBe(true);
    expect(matureCompanionsAction).toHaveBeenCalledWith(true);
    expect(screen.getByRole('status').textContent).toBe('Saving…');
    await act(async () => answers[0]!({ ok: true }));
    expect(screen.getByRole('status').textContent).toBe('Saved.');
    expect(box().checked).toBe(true);
  });

  it('undoes the change and says why when saving fails', async () => {
    render(<MatureCompanions confirmed isGuest={false} />);
    fireEvent.click(box());
    expect(box().checked).toBe(false);
    await act(async () => answers[0]!({ ok: false, error: 'Your session has ended. Sign in again.' }));
    expect(box().checked).toBe(true);
    expect(screen.getByRole('alert').textContent).toBe('Your session has ended. Sign in again.');
  });

  it('is off and disabled for a guest, with the way to an account', () => {
    render(<MatureCompanions confirmed isGuest />);
    expect(box().checked).toBe(false);
    expect(box().disabled).toBe(true);
    expect(screen.getByRole('link', { name: 'Create an account' }).getAttribute('href')).toBe('/signup');
  });
});
