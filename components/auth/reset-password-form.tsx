'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { resetPasswordAction } from '@/app/(auth)/actions';
import { buttonStyles } from '@/components/ui/button';
import { useHydrated } from '@/components/ui/use-hydrated';
import { AuthCard, linkStyle } from './card';
import { Field } from './field';
import { AuthForm } from './auth-form';

type Failure = { error: string; field?: string; expired?: boolean };

/** The page a reset link opens: a new password, then straight in with it. */
export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [changed, setChanged] = useState(false);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  if (!token)
    return <LinkProblem message="This link is not complete. Open it from the email again, or ask for a new one." />;

  const submit = async (form: FormData) => {
    const password = String(form.get('password') ?? '');
    setPending(true);
    setFailure(null);
    const result = await resetPasswordAction({ token, password });
    if (!result.ok) {
      setPending(false);
      return setFailure(result);
    }
    setChanged(true);
    const signedIn = await signIn('credentials', { redirect: false, email: result.email, password });
    if (signedIn?.ok) return router.replace('/');
    setPending(false);
  };

  if (failure && failure.field === 'token') return <LinkProblem message={failure.error} />;

  if (changed && !pending) {
    return (
      <AuthCard>
        <h1 tabIndex={-1} ref={(heading) => heading?.focus()} className="text-xl font-semibold outline-none">
          Password changed
        </h1>
        <p className="mt-2 text-ink-soft">
          Your new password is set, and every device that was signed in has been signed out.
        </p>
        <Link href="/signin" className={`${buttonStyles.primary} mt-6 w-full py-3`}>
          Sign in
        </Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard>
      <h1 className="text-xl font-semibold">Choose a new password</h1>
      <p className="mt-2 text-sm text-ink-soft">Every device signed in to your account will be signed out.</p>
      <AuthForm onSubmit={submit}>
        <Field
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 8 characters."
          error={failure?.error ?? null}
          onChange={() => failure && setFailure(null)}
        />
        <button type="submit" disabled={pending || !hydrated} className={`${buttonStyles.primary} w-full py-3`}>
          {pending ? (changed ? 'Signing in…' : 'Saving…') : 'Set new password'}
        </button>
      </AuthForm>
    </AuthCard>
  );
}

function LinkProblem({ message }: { message: string }) {
  return (
    <AuthCard>
      <h1 className="text-xl font-semibold">This link doesn’t work</h1>
      <p role="alert" className="mt-2 text-ink-soft">
        {message}
      </p>
      <Link href="/forgot-password" className={`${buttonStyles.primary} mt-6 w-full py-3`}>
        Send me a new link
      </Link>
      <p className="mt-4 text-center text-sm">
        <Link href="/signin" className={linkStyle}>
          Back to sign in
        </Link>
      </p>
    </AuthCard>
  );
}
