'use client';

import Link from 'next/link';
import { useState } from 'react';
import { upgradeGuestAction } from '@/app/(auth)/actions';
import { AccountSaved } from './account-saved';
import { AccountForm, type AccountCreated } from './account-form';
import { AuthCard, linkStyle } from './card';

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
  const [done, setDone] = useState<AccountCreated | null>(null);

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

  return (
    <AuthCard>
      <h1 className="text-xl font-semibold">Save your account</h1>
      <p className="mt-2 text-sm text-ink-soft">
        Add an email and a password to this guest account. Your chats, memories and settings stay just as they are.
      </p>
      <AccountForm
        action={upgradeGuestAction}
        humanCheckSiteKey={humanCheckSiteKey}
        submitLabel="Save my account"
        pendingLabel="Saving…"
        onDone={setDone}
      />
      <p className="mt-5 text-center text-sm text-ink-soft">
        Not now?{' '}
        <Link href={returnTo} className={linkStyle}>
          Back to your chats
        </Link>
      </p>
    </AuthCard>
  );
}
