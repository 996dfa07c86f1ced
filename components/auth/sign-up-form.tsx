'use client';

import Link from 'next/link';
import { useState } from 'react';
import { signUpAction } from '@/app/(auth)/actions';
import { AccountForm, type AccountCreated } from './account-form';
import { AuthCard, linkStyle } from './card';
import { CheckInbox } from './check-inbox';

/** `humanCheckSiteKey`: Turnstile's site key when the server asks for the check, else null. */
export function SignUpForm({ humanCheckSiteKey }: { humanCheckSiteKey: string | null }) {
  // Not signed in here: whether that would work is what tells a new address from a taken one.
  const [done, setDone] = useState<AccountCreated | null>(null);
  if (done) return <CheckInbox email={done.email} mail={done.mail} />;

  return (
    <AuthCard>
      <h1 className="text-xl font-semibold">Create your account</h1>
      <AccountForm
        action={signUpAction}
        humanCheckSiteKey={humanCheckSiteKey}
        submitLabel="Create account"
        pendingLabel="Creating…"
        onDone={setDone}
      />
      <p className="mt-5 text-center text-sm text-ink-soft">
        Already have one?{' '}
        <Link href="/signin" className={linkStyle}>
          Sign in
        </Link>
      </p>
    </AuthCard>
  );
}
