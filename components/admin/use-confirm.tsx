'use client';

import { useRef, useState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';

type Question = { title: string; body: string; confirmLabel: string };

/**
 * The app's confirm dialog as an awaitable question, in place of window.confirm (review D36):
 * `if (!(await ask({...}))) return;`, with `dialog` rendered once in the component.
 */
export function useConfirm() {
  // The last question stays while the dialog closes, so its text does not blank out first.
  const [question, setQuestion] = useState<Question>({ title: '', body: '', confirmLabel: '' });
  const [open, setOpen] = useState(false);
  const answer = useRef<(yes: boolean) => void>(() => {});
  const ask = (next: Question) =>
    new Promise<boolean>((resolve) => {
      answer.current = resolve;
      setQuestion(next);
      setOpen(true);
    });
  const settle = (yes: boolean) => {
    answer.current(yes);
    setOpen(false);
  };
  const dialog = (
    <ConfirmDialog
      open={open}
      title={question.title}
      body={question.body}
      confirmLabel={question.confirmLabel}
      onConfirm={() => settle(true)}
      onCancel={() => settle(false)}
    />
  );
  return { ask, dialog };
}
