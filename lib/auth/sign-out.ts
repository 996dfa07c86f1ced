import { signOut } from 'next-auth/react';

/**
 * Signs out and reloads on the sign-in page of this very origin. next-auth's own redirect
 * resolves against NEXTAUTH_URL, which defaults to localhost:3000 when unset.
 */
export async function signOutHere(): Promise<void> {
  await signOut({ redirect: false });
  window.location.assign('/signin');
}
