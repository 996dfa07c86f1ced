import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { GuestUpgradeForm } from '@/components/auth/guest-upgrade-form';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { requestOrigin, safeCallbackPath } from '@/lib/auth/callback-url';
import { humanCheckSiteKey } from '@/lib/auth/human-check';
import { getSessionCaller } from '@/lib/auth/session';
import { registrationOpen } from '@/lib/auth/users';

type Props = { searchParams: Promise<{ callbackUrl?: string }> };

export async function generateMetadata() {
  return { title: (await getSessionCaller())?.isGuest ? 'Save your account' : 'Create an account' };
}

/** Sign-up; for a signed-in guest, "Save your account" (the guest account itself becomes the account). */
export default async function SignUpPage({ searchParams }: Props) {
  const caller = await getSessionCaller();
  if (caller && !caller.isGuest) redirect('/');
  if (caller?.isGuest) {
    const { callbackUrl } = await searchParams;
    return (
      <GuestUpgradeForm
        returnTo={safeCallbackPath(callbackUrl, requestOrigin(await headers()))}
        humanCheckSiteKey={humanCheckSiteKey()}
        registrationOpen={registrationOpen()}
      />
    );
  }
  return <SignUpForm humanCheckSiteKey={humanCheckSiteKey()} />;
}
