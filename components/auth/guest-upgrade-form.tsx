'use client';

import Link from 'next/link';
import { useState } from 'react';
import { upgradeGuestAction, type UpgradeResult } from '@/app/(auth)/actions';
import { buttonStyles } from '@/components/ui/button';
import { useHydrated } from '@/components/ui/use-hydrated';
import { AccountSaved } from './account-saved';
import { AuthForm } from './auth-form';
import { AuthCard, linkStyle } from './card';
import { Field } from './field';
import { HumanCheck } from './human-check';

type Failure = Extract<UpgradeResult, { ok: false }>;
type Done = Extract<UpgradeResult, { ok: true }>;

type Props = {
  /** Where "Back to your chats" goes: a path on this site. */
  returnTo: string;
  humanCheckSiteKey: string | null;
  registrationOpen: boolean;
};

/**
 * "Save your account", for a signed-in guest: the guest account itself gets an email and a
 * password, so every chat and memory stays where it is. The session carries on as the account.
 */
export function GuestUpgradeForm({ returnTo, humanCheckSiteKey, registrationOpen }: Props) {
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
    const result = await upgradeGuestAction(input, humanToken ?? undefined);
    if (!result.ok && humanCheckSiteKey) setResetHumanCheck((n) => n + 1);
    setPending(false);
    if (!result.ok) return setFailure(result);
    setDone(result);
  };

  // The action's new session cookie refreshes this page, whose server then shows AccountSaved too.
  if (done) return <AccountSaved email={done.email} mail={done.mail} returnTo={returnTo} />;

  if (!registrationOpen)
    return (
      <AuthCard>
        <h1 className="text-xl font-semibold">Save your account</h1>
        <p className="mt-3 text-ink-soft">
          New accounts can’t be created on this server right now, so this guest account can’t be saved yet.
        </p>
        <p className="mt-5 text-sm">
          <Link href={returnTo} className={linkStyle}>
            Back to your chats
          </Link>
        </p>
      </AuthCard>
    );

  const errorFor = (field: 'name' | 'email' | 'password') =>
    failure?.fields?.[field] ?? (failure?.field === field ? failure.error : null);

  return (
    <AuthCard>
      <h1 className="text-xl font-semibold">Save your account</h1>
      <p className="mt-2 text-sm text-ink-soft">
        Add an email and a password to this guest account. Your chats, memories and settings stay just as they are.
      </p>
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
          {pending ? 'Saving…' : 'Save my account'}
        </button>
      </AuthForm>
      <p className="mt-5 text-center text-sm text-ink-soft">
        Not now?{' '}
        <Link href={returnTo} className={linkStyle}>
          Back to your chats
        </Link>
      </p>
    </AuthCard>
  );
}
