'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState } from 'react';
import { buttonStyles } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { GUEST_SIGN_OUT_WARNING, signOutGuest } from '@/components/auth/sign-out-guest';
import { signOutHere } from '@/lib/auth/sign-out';
import { guestUpgradeHref } from './guest-upgrade-link';

/**
 * "Sign out" at the foot of the sidebar. Nobody can sign back in to a guest account, so a guest is
 * warned first and offered to save the account instead.
 */
export function SignOutButton({ isGuest }: { isGuest: boolean }) {
  const pathname = usePathname();
  const [confirming, setConfirming] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const signOut = () => {
    setSigningOut(true);
    void (isGuest ? signOutGuest() : signOutHere());
  };
  return (
    <>
      <button type="button" className={buttonStyles.ghost} onClick={isGuest ? () => setConfirming(true) : signOut}>
        Sign out
      </button>
      {isGuest && (
        <ConfirmDialog
          open={confirming}
          title="Sign out of this guest account?"
          body={GUEST_SIGN_OUT_WARNING}
          confirmLabel="Sign out anyway"
          busy={signingOut}
          busyLabel="Signing out…"
          cancelLabel="Keep chatting"
          onConfirm={signOut}
          onCancel={() => setConfirming(false)}
        >
          <Link
            href={guestUpgradeHref(pathname)}
            onClick={() => setConfirming(false)}
            className={`${buttonStyles.accent} mt-4 w-full py-3`}
          >
            Save your account
          </Link>
        </ConfirmDialog>
      )}
    </>
  );
}
