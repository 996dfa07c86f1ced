'use client';

import { useState } from 'react';
import type { SignUpResult } from '@/app/(auth)/actions';
import { buttonStyles } from '@/components/ui/button';
import { useHydrated } from '@/components/ui/use-hydrated';
import { AuthForm } from './auth-form';
import { Field } from './field';
import { HumanCheck } from './human-check';

type Failure = Extract<SignUpResult, { ok: false }>;
export type AccountCreated = Extract<SignUpResult, { ok: true }>;

type Props = {
  /** Sign-up's action or the guest upgrade's: the same fields, the same checks, the same answers. */
  action: (input: { name: string; email: string; password: string }, humanCheck?: string) => Promise<SignUpResult>;
  /** Turnstile's site key when the server asks for the check, else null. */
  humanCheckSiteKey: string | null;
  submitLabel: string;
  pendingLabel: string;
  onDone: (result: AccountCreated) => void;
};

/**
 * Name, email and password for a new account, each problem beside its field (all at once), the
 * human check when the server asks for one, and the submit button.
 */
export function AccountForm({ action, humanCheckSiteKey, submitLabel, pendingLabel, onDone }: Props) {
  const [failure, setFailure] = useState<Failure | null>(null);
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
    const result = await action(input, humanToken ?? undefined);
    if (!result.ok && humanCheckSiteKey) setResetHumanCheck((n) => n + 1); // a token is good for one try
    setPending(false);
    if (result.ok) onDone(result);
    else setFailure(result);
  };

  const errorFor = (field: NonNullable<Failure['field']>) =>
    failure?.fields?.[field] ?? (failure?.field === field ? failure.error : null);

  return (
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
        <HumanCheck siteKey={humanCheckSiteKey} action="signup" onToken={setHumanToken} resetSignal={resetHumanCheck} />
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
        {pending ? pendingLabel : submitLabel}
      </button>
    </AuthForm>
  );
}
