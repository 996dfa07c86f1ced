'use client';

import { useEffect, useId, useRef } from 'react';
import { buttonStyles } from './button';

type Props = {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  busy?: boolean;
  busyLabel?: string;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
  /** The way out that changes nothing ("Cancel" unless said). */
  cancelLabel?: string;
  /** More under the body: another way forward, say. */
  children?: React.ReactNode;
};

/** A modal confirmation on the native <dialog>: focus trap, Esc and the backdrop come with it. */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  busy,
  busyLabel = 'Deleting…',
  error,
  onConfirm,
  onCancel,
  cancelLabel = 'Cancel',
  children,
}: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      aria-labelledby={titleId}
      className="m-auto w-[min(92vw,24rem)] rounded-2xl border border-line bg-raised p-6 text-ink shadow-2xl backdrop:bg-stone-950/50"
    >
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      <p className="mt-2 text-sm text-ink-soft">{body}</p>
      {children}
      {error && (
        <p role="alert" className="mt-3 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      <div className="mt-6 flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onCancel} autoFocus>
          {cancelLabel}
        </button>
        <button type="button" className={buttonStyles.danger} onClick={onConfirm} disabled={busy}>
          {busy ? busyLabel : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
