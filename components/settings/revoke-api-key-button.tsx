'use client';

import { useState, useTransition } from 'react';
import { revokeApiKeyAction } from '@/app/(app)/settings/api-keys/actions';
import { buttonStyles } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';

export function RevokeApiKeyButton({ id, name }: { id: string; name: string }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const revoke = () =>
    startTransition(async () => {
      const result = await revokeApiKeyAction(id);
      if (!result.ok) return setError(result.error);
      setConfirming(false);
    });

  return (
    <>
      <button
        type="button"
        aria-label={`Revoke “${name}”`}
        className={`${buttonStyles.ghost} text-red-700 hover:text-red-700 dark:text-red-400 dark:hover:text-red-300`}
        onClick={() => setConfirming(true)}
      >
        Revoke
      </button>
      <ConfirmDialog
        open={confirming}
        title="Revoke this key?"
        body={`Anything still using “${name}” will get “401 Unauthorized” from now on. This cannot be undone.`}
        confirmLabel="Revoke key"
        busy={pending}
        busyLabel="Revoking…"
        error={confirming ? error : null}
        onConfirm={revoke}
        onCancel={() => (setConfirming(false), setError(null))}
      />
    </>
  );
}
