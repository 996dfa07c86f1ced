'use client';

import { useId, useState, useTransition } from 'react';
import { deleteAccountAction } from '@/app/(app)/settings/actions';
import { buttonStyles } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { signOutHere } from '@/lib/auth/sign-out';
import { confirmsDeletion, DELETE_WORD } from '@/lib/profile/schemas';

/** Deleting the account for good, once the person has typed DELETE (or their email) in the dialog. */
export function DeleteAccount({ email, isGuest }: { email: string | null; isGuest: boolean }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const fieldId = useId();
  const what = isGuest ? 'guest session' : 'account';

  const confirm = () => {
    if (!confirmsDeletion(typed, email))
      return setError(
        email ? `Type ${DELETE_WORD} or your email address to confirm.` : `Type ${DELETE_WORD} to confirm.`,
      );
    setError(null);
    startTransition(async () => {
      const result = await deleteAccountAction(typed);
      if (!result.ok) return setError(result.error);
      await signOutHere();
    });
  };

  return (
    <>
      <button type="button" className={buttonStyles.danger} onClick={() => setOpen(true)}>
        Delete {what}…
      </button>
      <ConfirmDialog
        open={open}
        title={`Delete your ${what}?`}
        body={`Your conversations, memories, pictures, voice notes${isGuest ? '' : ' and API keys'} are deleted for good, and you are signed out everywhere. This can’t be undone.`}
        confirmLabel={`Delete ${what}`}
        busy={pending}
        error={error}
        onConfirm={confirm}
        onCancel={() => {
          setOpen(false);
          setTyped('');
          setError(null);
        }}
      >
        <label htmlFor={fieldId} className="mt-4 block text-sm font-medium">
          Type {DELETE_WORD}
          {email ? ' or your email address' : ''} to confirm
        </label>
        <input
          id={fieldId}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') confirm();
          }}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          className="mt-1.5 w-full rounded-xl border border-field-line bg-raised px-3.5 py-2.5 text-[15px] outline-none focus:border-ember-400"
        />
      </ConfirmDialog>
    </>
  );
}
