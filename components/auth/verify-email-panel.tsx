'use client';

import Link from 'next/link';
import { useState } from 'react';
import { verifyEmailAction, type VerifyResult } from '@/app/(auth)/actions';
import { buttonStyles } from '@/components/ui/button';
import { CheckIcon, MailIcon } from '@/components/ui/icons';
import { useHydrated } from '@/components/ui/use-hydrated';
import { AuthCard, linkStyle } from './card';

/**
 * The page a verification link opens. Confirming takes a press of the button, not the page load:
 * mail scanners open links too, and must not use them up.
 */
export function VerifyEmailPanel({ token }: { token: string }) {
  const [result, setResult] = useState<VerifyResult | null>(token ? null : { outcome: 'invalid', signedIn: false });
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  const confirm = async () => {
    setPending(true);
    setResult(await verifyEmailAction(token));
    setPending(false);
  };

  if (!result) {
    return (
      <AuthCard className="text-center">
        <Badge />
        <h1 className="mt-4 text-xl font-semibold">Confirm your email</h1>
        <p className="mt-2 text-ink-soft">One click and your address is confirmed.</p>
        <button
          type="button"
          onClick={() => void confirm()}
          disabled={pending || !hydrated}
          className={`${buttonStyles.primary} mt-6 w-full py-3`}
        >
          {pending ? 'Confirming…' : 'Confirm my email'}
        </button>
      </AuthCard>
    );
  }

  if (result.outcome === 'verified' || result.outcome === 'already_verified') {
    return (
      <AuthCard className="text-center">
        <Badge done />
        <h1 tabIndex={-1} ref={(heading) => heading?.focus()} className="mt-4 text-xl font-semibold outline-none">
          {result.outcome === 'verified' ? 'Your email is confirmed' : 'Already confirmed'}
        </h1>
        <p className="mt-2 text-ink-soft">
          Thank you! Your address is confirmed{result.outcome === 'already_verified' ? ' already' : ''}.
        </p>
        {result.signedIn ? (
          // A full load on purpose: the session may carry a new role (ADMIN_EMAILS) that the app's layout should see.
          // eslint-disable-next-line @next/next/no-html-link-for-pages
          <a href="/" className={`${buttonStyles.primary} mt-6 w-full py-3`}>
            Continue to Hearth
          </a>
        ) : (
          <Link href="/signin" className={`${buttonStyles.primary} mt-6 w-full py-3`}>
            Sign in
          </Link>
        )}
      </AuthCard>
    );
  }

  return (
    <AuthCard>
      <h1 tabIndex={-1} ref={(heading) => heading?.focus()} className="text-xl font-semibold outline-none">
        {result.outcome === 'expired'
          ? 'This link has expired'
          : result.outcome === 'error'
            ? 'Something went wrong'
            : 'This link doesn’t work'}
      </h1>
      <p role="alert" className="mt-2 text-ink-soft">
        {result.outcome === 'expired'
          ? 'Confirmation links work for 24 hours.'
          : result.outcome === 'error'
            ? result.message
            : 'It may have been used already, or a newer one was sent since.'}{' '}
        {result.outcome !== 'error' && 'Sign in and send yourself a new one from Settings › Security.'}
      </p>
      {result.outcome === 'error' ? (
        <button
          type="button"
          onClick={() => void confirm()}
          disabled={pending}
          className={`${buttonStyles.primary} mt-6 w-full py-3`}
        >
          {pending ? 'Trying again…' : 'Try again'}
        </button>
      ) : (
        <Link href="/settings/security" className={`${buttonStyles.primary} mt-6 w-full py-3`}>
          Go to Settings › Security
        </Link>
      )}
      <p className="mt-4 text-center text-sm">
        <Link href="/" className={linkStyle}>
          Back to Hearth
        </Link>
      </p>
    </AuthCard>
  );
}

function Badge({ done = false }: { done?: boolean }) {
  return (
    <div className="mx-auto grid size-12 place-items-center rounded-full bg-ember-100 text-ember-700 dark:bg-ember-950 dark:text-ember-300">
      {done ? <CheckIcon className="size-6" /> : <MailIcon className="size-6" />}
    </div>
  );
}
