import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { requestOrigin, safeCallbackPath } from '@/lib/auth/callback-url';
import { humanCheckSiteKey } from '@/lib/auth/human-check';
import { oauthProviders } from '@/lib/auth/options';
import { getSessionCaller } from '@/lib/auth/session';
import { signInErrorMessage } from '@/lib/auth/sign-in-errors';
import { registrationOpen } from '@/lib/auth/users';

export const metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  if (await getSessionCaller()) redirect('/');
  const { callbackUrl, error } = await searchParams;
  return (
    <SignInForm
      oauth={oauthProviders()}
      // Only a path on this site: never send a person off to a URL someone put in a link.
      callbackUrl={safeCallbackPath(callbackUrl, requestOrigin(await headers()))}
      initialError={signInErrorMessage(error)}
      registrationOpen={registrationOpen()}
      humanCheckSiteKey={humanCheckSiteKey()}
    />
  );
}
