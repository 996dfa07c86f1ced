'use client';

import { useId, useState } from 'react';
import { reportCompanionAction } from '@/app/(app)/companions/community-actions';
import { buttonStyles } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { lineIcon } from '@/components/ui/icons';
import { REPORT_NOTE_MAX, REPORT_REASONS, type ReportReason } from '@/lib/companions/report-reasons';

const REASONS = Object.entries(REPORT_REASONS) as [ReportReason, string][];
const THANKS = 'Thanks — an admin will take a look.';

/**
 * "Report" on a companion someone else made: a small dialog (the app's confirm dialog) asking what
 * is wrong and, if they like, a note for the admins. Reporting again before an admin looked is the
 * same report (lib/companions/community.ts), so the button stays.
 */
export function ReportButton({ companionId, companionName }: { companionId: string; companionName?: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [thanked, setThanked] = useState(false);
  const id = useId();

  const start = () => {
    setReason(null);
    setNote('');
    setError(null);
    setThanked(false);
    setOpen(true);
  };

  const submit = async () => {
    if (busy) return;
    if (!reason) return setError('Choose what is wrong with this companion.');
    setBusy(true);
    setError(null);
    const result = await reportCompanionAction(companionId, { reason, note }).catch(() => ({
      ok: false as const,
      error: 'Hearth could not be reached. Check your connection and try again.',
    }));
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setOpen(false);
    setThanked(true);
  };

  return (
    <span className="inline-flex flex-wrap items-center gap-x-3 gap-y-1">
      <button type="button" onClick={start} className={buttonStyles.ghost} aria-haspopup="dialog">
        <FlagIcon />
        Report
      </button>
      <span role="status" className="text-sm text-ink-soft">
        {thanked ? THANKS : ''}
      </span>
      <ConfirmDialog
        open={open}
        title={companionName ? `Report ${companionName}` : 'Report this companion'}
        body="Tell the admins what is wrong. Its maker isn’t told who reported it."
        confirmLabel="Submit"
        busy={busy}
        busyLabel="Sending…"
        error={error}
        onConfirm={() => void submit()}
        onCancel={() => setOpen(false)}
      >
        <fieldset className="mt-4">
          <legend className="text-sm font-medium">What is wrong?</legend>
          <div className="mt-2 space-y-0.5">
            {REASONS.map(([value, label]) => (
              <label
                key={value}
                className="flex cursor-pointer items-center gap-2.5 rounded-lg px-2 py-1.5 text-sm hover:bg-sunken has-checked:bg-sunken"
              >
                <input
                  type="radio"
                  name={`${id}-reason`}
                  value={value}
                  checked={reason === value}
                  onChange={() => {
                    setReason(value);
                    setError(null);
                  }}
                  className="size-4 shrink-0 accent-ember-700"
                />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
        <label htmlFor={`${id}-note`} className="mt-4 block text-sm font-medium">
          Anything to add? <span className="font-normal text-ink-faint">(optional)</span>
        </label>
        <textarea
          id={`${id}-note`}
          value={note}
          maxLength={REPORT_NOTE_MAX}
          rows={3}
          onChange={(event) => setNote(event.target.value)}
          aria-describedby={`${id}-count`}
          className="mt-1.5 block w-full resize-y rounded-xl border border-line bg-raised px-3 py-2 text-sm outline-none focus:border-ember-400 focus-visible:ring-2 focus-visible:ring-ember-400/40"
        />
        <p id={`${id}-count`} className="mt-1 text-right text-xs text-ink-faint">
          {note.length.toLocaleString('en-US')} / {REPORT_NOTE_MAX.toLocaleString('en-US')}
        </p>
      </ConfirmDialog>
    </span>
  );
}

function FlagIcon() {
  return (
    <svg {...lineIcon} className="size-4">
      <path d="M5 21V4M5 4h11l-2 4 2 4H5" />
    </svg>
  );
}
