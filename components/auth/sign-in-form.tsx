'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { buttonStyles } from '@/components/ui/button';
import { useHydrated } from '@/components/ui/use-hydrated';
import { Field } from './field';
import { HumanCheck } from './human-check';
import { AuthForm } from './auth-form';

type Props = {
  oauth: { id: 'github' | 'google'; name: string }[];
  callbackUrl: string;
  initialError: string | null;
  registrationOpen: boolean;
  /** Turnstile's site key when guests must pass the human check, else null. */
  humanCheckSiteKey: string | null;
};

// next-auth's `error` for wrong credentials; any other is a message of ours (a wait, a refusal).
const WRONG_CREDENTIALS = 'CredentialsSignin';

export function SignInForm({ oauth, callbackUrl, initialError, registrationOpen, humanCheckSiteKey }: Props) {
  const router = useRouter();
  // What a sign-in that came back with ?error= says (OAuth refusals), at the top where the buttons are.
  const [notice, setNotice] = useState(initialError);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<'guest' | 'credentials' | null>(null);
  const [humanToken, setHumanToken] = useState<string | null>(null);
  const [resetHumanCheck, setResetHumanCheck] = useState(0);
  // Buttons wait for hydration: a click before it would be lost or submit the form natively.
  const ready = useHydrated() && pending === null;

  const asGuest = async () => {
    setNotice(null);
    setPending('guest');
    const result = await signIn('guest', { redirect: false, ...(humanToken ? { humanCheck: humanToken } : {}) });
    if (result?.ok) return router.replace(callbackUrl);
    setPending(null);
    if (humanCheckSiteKey) setResetHumanCheck((n) => n + 1);
    // A refusal (too many new accounts from this network, the human check) says what to do.
    setError(
      result?.error && result.error !== WRONG_CREDENTIALS
        ? result.error
        : 'Could not start a guest session. Try again.',
    );
  };

  const withPassword = async (form: FormData) => {
    setNotice(null);
    setPending('credentials');
    setError(null);
    const result = await signIn('credentials', {
      redirect: false,
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
    });
    if (result?.ok) return router.replace(callbackUrl);
    setPending(null);
    // Too many attempts: the wait. Never anything that tells whether the email has an account.
    setError(
      result?.error && result.error !== WRONG_CREDENTIALS
        ? result.error
        : 'That email and password do not match an account.',
    );
  };

  return (
    <div className="rounded-3xl border border-line bg-raised p-6 shadow-xl shadow-stone-900/5">
      <h1 className="text-xl font-semibold">Welcome</h1>
      {notice && (
        <p
          role="alert"
          className="mt-3 rounded-xl border border-red-200 bg-red-50 px-3.5 py-2.5 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200"
        >
          {notice}
        </p>
      )}
      {registrationOpen ? (
        <>
          {humanCheckSiteKey && (
            <div className="mt-5">
              <HumanCheck
                siteKey={humanCheckSiteKey}
                action="guest"
                onToken={setHumanToken}
                resetSignal={resetHumanCheck}
              />
            </div>
          )}
          <button
            type="button"
            onClick={asGuest}
            disabled={!ready || (humanCheckSiteKey !== null && !humanToken)}
            className={`${buttonStyles.accent} mt-5 w-full py-3`}
          >
            {pending === 'guest' ? 'Opening…' : 'Continue as guest'}
          </button>
          <p className="mt-2 text-center text-xs text-ink-faint">No account needed to start talking.</p>
        </>
      ) : (
        <p className="mt-2 text-sm text-ink-soft">
          New accounts are closed on this server. Sign in with the account you have.
        </p>
      )}

      {oauth.length > 0 && (
        <div className="mt-5 grid gap-2">
          {oauth.map((p) => (
            <button
              key={p.id}
              type="button"
              className={`${buttonStyles.secondary} w-full`}
              onClick={() => signIn(p.id, { callbackUrl })}
            >
              Continue with {p.name}
            </button>
          ))}
        </div>
      )}

      <div className="my-6 flex items-center gap-3 text-xs text-ink-faint" aria-hidden="true">
        <span className="h-px flex-1 bg-line" /> or with email <span className="h-px flex-1 bg-line" />
      </div>

      <AuthForm onSubmit={withPassword} className="space-y-4" validate>
        <Field label="Email" name="email" type="email" autoComplete="email" required />
        <div>
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            minLength={8}
          />
          <p className="mt-1.5 text-right text-sm">
            <Link href="/forgot-password" className="text-ink-soft underline underline-offset-2 hover:text-ink">
              Forgot password?
            </Link>
          </p>
        </div>
        {error && (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {error}
          </p>
        )}
        <button type="submit" disabled={!ready} className={`${buttonStyles.primary} w-full py-3`}>
          {pending === 'credentials' ? 'Signing in…' : 'Sign in'}
        </button>
      </AuthForm>
      {registrationOpen && (
        <p className="mt-5 text-center text-sm text-ink-soft">
          New here?{' '}
          <Link href="/signup" className="font-medium text-ember-700 underline underline-offset-2 dark:text-ember-300">
            Create an account
          </Link>
        </p>
      )}
    </div>
  );
}
