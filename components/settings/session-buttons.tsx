'use client';

import { useState, useTransition } from 'react';
import { endSessionAction, signOutEverywhereAction } from '@/app/(app)/settings/security/session-actions';
import { buttonStyles } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { signOutHere } from '@/lib/auth/sign-out';

/** "Sign out" on one of the person's other sessions. */
export function EndSessionButton({ id, label }: { id: string; label: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const end = () =>
    startTransition(async () => {
      const result = await endSessionAction(id);
      setError(result.ok ? null : result.error);
    });
  return (
    <div className="flex flex-col items-end">
      <button
        type="button"
        aria-label={`Sign out ${label}`}
        disabled={pending}
        className={buttonStyles.ghost}
        onClick={end}
      >
        {pending ? 'Signing out…' : 'Sign out'}
      </button>
      {error && (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

/** Every session ends, this one included; then this browser goes to the sign-in page. */
export function SignOutEverywhereButton({ others }: { others: number }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const signOutEverywhere = () =>
    startTransition(async () => {
      const result = await signOutEverywhereAction();
      if (!result.ok) return setError(result.error);
      await signOutHere();
    });
  return (
    <>
      <button type="button" className={buttonStyles.secondary} onClick={() => (setError(null), setConfirming(true))}>
        Sign out everywhere
      </button>
      <ConfirmDialog
        open={confirming}
        title="Sign out everywhere?"
        body={`${others > 0 ? `${others === 1 ? 'Your other session' : `All ${others} of your other sessions`} and this` : 'This'} browser will need to sign in again. Your conversations are kept.`}
        confirmLabel="Sign out everywhere"
        busy={pending}
        busyLabel="Signing out…"
        error={confirming ? error : null}
        onConfirm={signOutEverywhere}
        onCancel={() => (setConfirming(false), setError(null))}
      />
    </>
  );
}
