'use client';

import Link from 'next/link';
import { useState } from 'react';
import { signUpAction, type SignUpResult } from '@/app/(auth)/actions';
import { buttonStyles } from '@/components/ui/button';
import { useHydrated } from '@/components/ui/use-hydrated';
import { CheckInbox } from './check-inbox';
import { Field } from './field';
import { HumanCheck } from './human-check';
import { AuthForm } from './auth-form';

type Failure = Extract<SignUpResult, { ok: false }>;
type Done = Extract<SignUpResult, { ok: true }>;

/** `humanCheckSiteKey`: Turnstile's site key when the server asks for the check, else null. */
export function SignUpForm({ humanCheckSiteKey }: { humanCheckSiteKey: string | null }) {
  const [failure, setFailure] = useState<Failure | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [pending, setPending] = useState(false);
  const [humanToken, setHumanToken] = useState<string | null>(null);
  const [resetHumanCheck, setResetHumanCheck] = useState(0);
  const hydrated = useHydrated();
  const waitingForCheck = humanCheckSiteKey !== null && humanToken === null;

  const submit = async (form: FormData) => {
    setPending(true);
    setFailure(null);
    const input = {
      name: String(form.get('name') ?? ''),
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
    };
    const result = await signUpAction(input, humanToken ?? undefined);
    if (!result.ok && humanCheckSiteKey) setResetHumanCheck((n) => n + 1); // a token is good for one try
    setPending(false);
    // Not signed in here: whether that would work is what tells a new address from a taken one.
    if (result.ok) setDone(result);
    else setFailure(result);
  };

  if (done) return <CheckInbox email={done.email} mail={done.mail} />;

  const errorFor = (field: NonNullable<Failure['field']>) =>
    failure?.fields?.[field] ?? (failure?.field === field ? failure.error : null);

  return (
    <div className="rounded-3xl border border-line bg-raised p-6 shadow-xl shadow-stone-900/5">
      <h1 className="text-xl font-semibold">Create your account</h1>
      <AuthForm onSubmit={submit}>
        <Field label="Name (optional)" name="name" autoComplete="name" maxLength={100} error={errorFor('name')} />
        <Field label="Email" name="email" type="email" autoComplete="email" required error={errorFor('email')} />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 8 characters, and not one that is common or easy to guess."
          error={errorFor('password')}
        />
        {humanCheckSiteKey && (
          <HumanCheck
            siteKey={humanCheckSiteKey}
            action="signup"
            onToken={setHumanToken}
            resetSignal={resetHumanCheck}
          />
        )}
        {failure && !failure.field && !failure.fields && (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {failure.error}
          </p>
        )}
        <button
          type="submit"
          disabled={pending || !hydrated || waitingForCheck}
          className={`${buttonStyles.primary} w-full py-3`}
        >
          {pending ? 'Creating…' : 'Create account'}
        </button>
      </AuthForm>
      <p className="mt-5 text-center text-sm text-ink-soft">
        Already have one?{' '}
        <Link href="/signin" className="font-medium text-ember-700 underline underline-offset-2 dark:text-ember-300">
          Sign in
        </Link>
      </p>
    </div>
  );
}
