'use client';

import Link from 'next/link';
import { useState } from 'react';
import { forgotPasswordAction } from '@/app/(auth)/actions';
import { buttonStyles } from '@/components/ui/button';
import { MailIcon } from '@/components/ui/icons';
import { useHydrated } from '@/components/ui/use-hydrated';
import { AuthCard, linkStyle } from './card';
import { Field } from './field';
import { AuthForm } from './auth-form';

/** Asks for the address; the answer is the same whether or not an account uses it. */
export function ForgotPasswordForm() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  const submit = async (form: FormData) => {
    const email = String(form.get('email') ?? '').trim();
    setPending(true);
    setError(null);
    const result = await forgotPasswordAction(email);
    setPending(false);
    if (result.ok) setSentTo(email);
    else setError(result.error);
  };

  if (sentTo) {
    return (
      <AuthCard className="text-center">
        <div className="mx-auto grid size-12 place-items-center rounded-full bg-ember-100 text-ember-700 dark:bg-ember-950 dark:text-ember-300">
          <MailIcon className="size-6" />
        </div>
        <h1 tabIndex={-1} ref={(heading) => heading?.focus()} className="mt-4 text-xl font-semibold outline-none">
          Check your inbox
        </h1>
        <p className="mt-2 text-ink-soft">
          If an account uses <strong className="font-medium break-all text-ink">{sentTo}</strong>, we sent it a link to
          choose a new password. The link works for an hour.
        </p>
        <p className="mt-3 text-sm text-ink-faint">Nothing there? Check your spam folder, or try again in a minute.</p>
        <Link href="/signin" className={`${buttonStyles.secondary} mt-6 w-full py-3`}>
          Back to sign in
        </Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard>
      <h1 className="text-xl font-semibold">Reset your password</h1>
      <p className="mt-2 text-sm text-ink-soft">
        Enter the email address of your account and we’ll send you a link to choose a new password.
      </p>
      <AuthForm onSubmit={submit}>
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          error={error}
          onChange={() => error && setError(null)}
        />
        <button type="submit" disabled={pending || !hydrated} className={`${buttonStyles.primary} w-full py-3`}>
          {pending ? 'Sending…' : 'Send me a link'}
        </button>
      </AuthForm>
      <p className="mt-5 text-center text-sm text-ink-soft">
        Remembered it?{' '}
        <Link href="/signin" className={linkStyle}>
          Sign in
        </Link>
      </p>
    </AuthCard>
  );
}
