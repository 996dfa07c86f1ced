import { deleteGuestOnSignOutAction } from '@/app/(auth)/actions';
import { signOutHere } from '@/lib/auth/sign-out';

/** What a guest is told before signing out, in the sidebar's dialog and on /signout. */
export const GUEST_SIGN_OUT_WARNING =
  'Signing out deletes this guest’s chats and memories for good: a guest account can’t be signed back in to. Save your account first?';

/** Deletes the guest account, then signs out; if the deletion cannot be reached, signing out still happens. */
export async function signOutGuest(): Promise<void> {
  await deleteGuestOnSignOutAction().catch(() => undefined);
  await signOutHere();
}
