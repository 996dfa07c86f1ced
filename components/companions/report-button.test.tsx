import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActionResult } from '@/lib/actions';
import { REPORT_REASONS } from '@/lib/companions/report-reasons';
import { ReportButton } from './report-button';

const ID = '5f0c1c9e-7d4b-4a8e-9a55-0d3c2b1a0f01';

const { answers, reportCompanionAction } = vi.hoisted(() => {
  const answers: ((result: ActionResult) => void)[] = [];
  const reportCompanionAction = vi.fn<(id: string, input: unknown) => Promise<ActionResult>>(
    () => new Promise<ActionResult>((answer) => answers.push(answer)),
  );
  return { answers, reportCompanionAction };
});
vi.mock('@/app/(app)/companions/community-actions', () => ({ reportCompanionAction }));

beforeEach(() => {
  answers.length = 0;
  reportCompanionAction.mockClear();
});

const open = async (name = 'Report Juniper') => {
  fireEvent.click(screen.getByRole('button', { name: 'Report' }));
  return (await screen.findByRole('dialog', { name })) as HTMLDialogElement;
};

describe('the report button', () => {
  it('asks for a reason, sends it with the note, and thanks the person', async () => {
    render(<ReportButton companionId={ID} companionName="Juniper" />);
    const dialog = await open();
    expect(dialog.open).toBe(true);
    expect(screen.getAllByRole('radio')).toHaveLength(Object.keys(REPORT_REASONS).length);

    fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
    expect(screen.getByRole('alert').textContent).toBe('Choose what is wrong with this companion.');
    expect(reportCompanionAction).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('radio', { name: 'Spam or scam' }));
    expect(screen.queryByRole('alert')).toBeNull();
    const note = screen.getByRole('textbox', { name: /Anything to add/ });
    expect(note.getAttribute('maxlength')).toBe('1000');
    fireEvent.change(note, { target: { value: 'Links to a shop in every reply.' } });
    expect(screen.getByText('31 / 1,000')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
    expect(reportCompanionAction).toHaveBeenCalledWith(ID, { reason: 'spam', note: 'Links to a shop in every reply.' });
    expect(screen.getByRole('button', { name: 'Sending…' })).toBeTruthy();
    await act(async () => answers[0]!({ ok: true }));
    await waitFor(() => expect(dialog.open).toBe(false));
    expect(screen.getByRole('status').textContent).toBe('Thanks — an admin will take a look.');
  });

  it('keeps the dialog open with the reason when the report is refused or Hearth cannot be reached', async () => {
    render(<ReportButton companionId={ID} />);
    const dialog = await open('Report this companion');
    fireEvent.click(screen.getByRole('radio', { name: 'Something else' }));
    fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
    await act(async () => answers[0]!({ ok: false, error: 'This companion is yours: edit or remove it instead.' }));
    expect(dialog.open).toBe(true);
    expect(screen.getByRole('alert').textContent).toBe('This companion is yours: edit or remove it instead.');
    expect(screen.getByRole('status').textContent).toBe('');

    reportCompanionAction.mockImplementationOnce(() => Promise.reject(new Error('Failed to fetch')));
    fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
    await act(async () => {});
    expect(screen.getByRole('alert').textContent).toMatch(/could not be reached/);

    // Cancel closes it; opening it again starts afresh.
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(dialog.open).toBe(false));
    await open('Report this companion');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getAllByRole('radio').some((r) => (r as HTMLInputElement).checked)).toBe(false);
  });
});
