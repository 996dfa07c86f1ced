/**
 * Signs out and reloads on the sign-in page of this very origin. next-auth's own redirect
 * resolves against NEXTAUTH_URL, which defaults to localhost:3000 when unset. next-auth's client
 * (about 9 KB gzip with its runtime helpers) loads only now: every signed-in page shows a Sign out
 * button, and few are ever pressed.
 */
export async function signOutHere(): Promise<void> {
  const { signOut } = await import('next-auth/react');
  await signOut({ redirect: false });
  // A full reload on purpose: nothing of the signed-out user may stay in the client caches.
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.assign('/signin');
}
