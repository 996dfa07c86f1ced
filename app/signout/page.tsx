'use client';

import { signOut } from 'next-auth/react';
import { useEffect } from 'react';

/** Where a session whose account no longer exists is sent: sign it out and start again. */
export default function SignOutPage() {
  useEffect(() => {
    void signOut({ callbackUrl: '/signin' });
  }, []);
  return <p className="p-8 text-center text-ink-soft" role="status">Signing you out…</p>;
}
