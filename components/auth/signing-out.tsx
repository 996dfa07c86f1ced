'use client';

import { useEffect } from 'react';
import { signOutHere } from '@/lib/auth/sign-out';

/** Signs this browser out as soon as it shows, then goes to the sign-in page. */
export function SigningOut() {
  useEffect(() => {
    void signOutHere();
  }, []);
  return (
    <p className="p-8 text-center text-ink-soft" role="status">
      Signing you out…
    </p>
  );
}
