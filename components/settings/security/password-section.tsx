'use client';

import { useRef, useState, useTransition } from 'react';
import { changePasswordAction, sendPasswordLinkAction } from '@/app/(app)/settings/security/actions';
import { Field } from '@/components/auth/field';
import { buttonStyles } from '@/components/ui/button';
import { useHydrated } from '@/components/ui/use-hydrated';
import { Section } from './section';

type Props = { email: string | null; isGuest: boolean; hasPassword: boolean; canMail: boolean };

export function PasswordSection({ email, isGuest, hasPassword, canMail }: Props) {
  if (isGuest) return null;
  return (
    <Section
      id="password"
      title="Password"
      description={
        hasPassword
          ? 'Changing it signs you out on every other device.'
          : 'You sign in with GitHub or Google, so this account has no password.'
      }
    >
      {hasPassword ? <ChangePasswordForm email={email ?? ''} /> : <SetPasswordLink canMail={canMail} />}
    </Section>
  );
}

function ChangePasswordForm({ email }: { email: string }) {
  const [failure, setFailure] = useState<{ error: string; field?: string } | null>(null);
  const [done, setDone] = useState(false);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const formRef = useRef<HTMLFormElement>(null);

  const submit = (form: FormData) => {
    const input = {
      currentPassword: String(form.get('currentPassword') ?? ''),
      newPassword: String(form.get('newPassword') ?? ''),
    };
    setFailure(null);
    setDone(false);
    startTransition(async () => {
      const result = await changePasswordAction(input);
      if (!result.ok) return setFailure(result);
      formRef.current?.reset();
      setDone(true);
    });
  };
  const errorFor = (field: string) => (failure?.field === field ? failure.error : null);

  return (
    <form
      ref={formRef}
      method="post"
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        submit(new FormData(event.currentTarget));
      }}
    >
      {/* Lets password managers tie the new password to the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={errorFor('currentPassword')}
        />
        <Field
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 8 characters."
          error={errorFor('newPassword')}
        />
      </div>
      {failure && failure.field !== 'currentPassword' && failure.field !== 'newPassword' && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {failure.error}
        </p>
      )}
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:gap-4">
        <button type="submit" disabled={pending || !hydrated} className={`${buttonStyles.primary} self-start`}>
          {pending ? 'Changing…' : 'Change password'}
        </button>
        <p role="status" className="text-sm text-ink-soft">
          {done ? 'Password changed. Your other devices have been signed out.' : ''}
        </p>
      </div>
    </form>
  );
}

function SetPasswordLink({ canMail }: { canMail: boolean }) {
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  if (!canMail)
    return <p className="text-sm text-ink-faint">Setting a password needs email, which this server can’t send.</p>;

  const send = () =>
    startTransition(async () => {
      const result = await sendPasswordLinkAction();
      setStatus(
        result.ok
          ? { text: 'Sent! Open the link in your inbox to choose a password.', error: false }
          : { text: result.error, error: true },
      );
    });

  return (
    <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:gap-4">
      <button
        type="button"
        onClick={send}
        disabled={pending || !hydrated}
        className={`${buttonStyles.secondary} self-start`}
      >
        {pending ? 'Sending…' : 'Email me a link to set one'}
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
