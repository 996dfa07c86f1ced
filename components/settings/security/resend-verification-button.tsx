'use client';

import { useState, useTransition } from 'react';
import { resendVerificationAction } from '@/app/(app)/settings/security/actions';
import { buttonStyles } from '@/components/ui/button';
import { useHydrated } from '@/components/ui/use-hydrated';

const SAID = {
  sent: 'Sent! Check your inbox for a link to confirm your address. Earlier links no longer work.',
  throttled: 'We sent one less than a minute ago. Give it a moment, and check your spam folder.',
  already_verified: 'Your address is confirmed already.',
  unavailable: 'This server can’t send email right now.',
} as const;

export function ResendVerificationButton() {
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();

  const send = () =>
    startTransition(async () => {
      const result = await resendVerificationAction();
      setStatus(result.ok ? { text: SAID[result.outcome], error: false } : { text: result.error, error: true });
    });

  return (
    <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:gap-4">
      <button
        type="button"
        onClick={send}
        disabled={pending || !hydrated}
        className={`${buttonStyles.secondary} self-start`}
      >
        {pending ? 'Sending…' : 'Send a new confirmation link'}
      </button>
      <p
        role={status?.error ? 'alert' : 'status'}
        className={`text-sm ${status?.error ? 'text-red-600 dark:text-red-400' : 'text-ink-soft'}`}
      >
        {status?.text}
      </p>
    </div>
  );
}
