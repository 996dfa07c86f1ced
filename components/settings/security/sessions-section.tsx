'use client';

import { useState, useTransition } from 'react';
import { signOutOtherSessionsAction } from '@/app/(app)/settings/security/actions';
import { buttonStyles } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Section } from './section';

/**
 * Where the account is signed in. For now one action, "Sign out everywhere else" (the session
 * version goes up; this browser gets a token with the new one). The sessions work puts the list
 * of sessions here.
 */
export function SessionsSection() {
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [pending, startTransition] = useTransition();

  const signOutOthers = () =>
    startTransition(async () => {
      const result = await signOutOtherSessionsAction();
      if (!result.ok) return setStatus({ text: result.error, error: true });
      setConfirming(false);
      setStatus({ text: 'Done. Every other device and browser has been signed out.', error: false });
    });

  return (
    <Section id="sessions" title="Where you’re signed in" description="Lost a phone, or signed in on a shared computer? Sign out everywhere except here.">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:gap-4">
        <button type="button" className={`${buttonStyles.secondary} self-start`} onClick={() => (setStatus(null), setConfirming(true))}>
          Sign out everywhere else
        </button>
        <p role="status" className="text-sm text-ink-soft">{status && !status.error ? status.text : ''}</p>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Sign out everywhere else?"
        body="Every other browser and device signed in to your account will need to sign in again. You stay signed in here."
        confirmLabel="Sign out others"
        busy={pending}
        busyLabel="Signing out…"
        error={confirming && status?.error ? status.text : null}
        onConfirm={signOutOthers}
        onCancel={() => (setConfirming(false), setStatus(null))}
      />
    </Section>
  );
}
