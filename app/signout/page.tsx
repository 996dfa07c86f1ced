import { GuestSignOut } from '@/components/auth/guest-sign-out';
import { SigningOut } from '@/components/auth/signing-out';
import { getSessionCaller } from '@/lib/auth/session';

export const metadata = { title: 'Sign out' };

type Props = { searchParams: Promise<{ reason?: string }> };

/**
 * Signs the browser out. Sessions that have ended are sent here (with a `reason`) to clear their
 * cookie; a guest who comes here of their own accord is warned first, since a guest account can't
 * be signed back in to.
 */
export default async function SignOutPage({ searchParams }: Props) {
  const { reason } = await searchParams;
  if (!reason && (await getSessionCaller())?.isGuest) return <GuestSignOut />;
  return <SigningOut />;
}
