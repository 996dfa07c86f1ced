import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { AccountSaved } from '@/components/auth/account-saved';
import { GuestUpgradeForm } from '@/components/auth/guest-upgrade-form';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { requestOrigin, safeCallbackPath } from '@/lib/auth/callback-url';
import { ACCOUNT_SAVED_COOKIE } from '@/lib/auth/guest-upgrade';
import { humanCheckSiteKey } from '@/lib/auth/human-check';
import { getSessionCaller } from '@/lib/auth/session';
import { loadUser, registrationOpen } from '@/lib/auth/users';

type Props = { searchParams: Promise<{ callbackUrl?: string }> };

export async function generateMetadata() {
  const caller = await getSessionCaller();
  if (caller?.isGuest) return { title: 'Save your account' };
  return { title: caller ? 'Account saved' : 'Create an account' };
}

/**
 * Sign-up; for a signed-in guest, "Save your account" (the guest account itself becomes the
 * account), and right after that, the word that it is saved. Other accounts go home.
 */
export default async function SignUpPage({ searchParams }: Props) {
  const caller = await getSessionCaller();
  if (!caller) return <SignUpForm humanCheckSiteKey={humanCheckSiteKey()} />;
  const returnTo = safeCallbackPath((await searchParams).callbackUrl, requestOrigin(await headers()));
  if (caller.isGuest)
    return (
      <GuestUpgradeForm
        returnTo={returnTo}
        humanCheckSiteKey={humanCheckSiteKey()}
        registrationOpen={registrationOpen()}
      />
    );
  const saved = (await cookies()).get(ACCOUNT_SAVED_COOKIE)?.value;
  const user = saved ? await loadUser(caller.id) : null;
  if (!user?.email) redirect('/');
  return <AccountSaved email={user.email} mail={saved === 'sent' ? 'sent' : null} returnTo={returnTo} />;
}
