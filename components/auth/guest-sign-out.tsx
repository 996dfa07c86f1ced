'use client';

import Link from 'next/link';
import { useState } from 'react';
import { buttonStyles } from '@/components/ui/button';
import { AuthCard } from './card';
import { GUEST_SIGN_OUT_WARNING, signOutGuest } from './sign-out-guest';

/** /signout for a guest whose session still works: the same warning as the sidebar's, before anything is lost. */
export function GuestSignOut() {
  const [signingOut, setSigningOut] = useState(false);
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-12">
      <AuthCard className="w-full max-w-sm">
        <h1 className="text-xl font-semibold">Sign out of this guest account?</h1>
        <p className="mt-2 text-ink-soft">{GUEST_SIGN_OUT_WARNING}</p>
        <Link href="/signup" className={`${buttonStyles.accent} mt-6 w-full py-3`}>
          Save your account
        </Link>
        <div className="mt-3 flex gap-2">
          <Link href="/" className={`${buttonStyles.secondary} flex-1`}>
            Keep chatting
          </Link>
          <button
            type="button"
            disabled={signingOut}
            className={`${buttonStyles.danger} flex-1`}
            onClick={() => {
              setSigningOut(true);
              void signOutGuest();
            }}
          >
            {signingOut ? 'Signing out…' : 'Sign out anyway'}
          </button>
        </div>
      </AuthCard>
    </main>
  );
}
