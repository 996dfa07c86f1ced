'use client';

import { signOutHere } from '@/lib/auth/sign-out';
import { useEffect } from 'react';

/** Where a session whose account no longer exists is sent: sign it out and start again. */
export default function SignOutPage() {
  useEffect(() => {
    void signOutHere();
  }, []);
  return (
    <p className="p-8 text-center text-ink-soft" role="status">
      Signing you out…
    </p>
  );
}
