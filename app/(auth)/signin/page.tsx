import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { oauthProviders } from '@/lib/auth/options';
import { getSessionUserId } from '@/lib/auth/session';
import { signInErrorMessage } from '@/lib/auth/sign-in-errors';
import { registrationOpen } from '@/lib/auth/users';

export const metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  if (await getSessionUserId()) redirect('/');
  const { callbackUrl, error } = await searchParams;
  return (
    <SignInForm oauth={oauthProviders()} callbackUrl={safeCallback(callbackUrl)} initialError={signInErrorMessage(error)} registrationOpen={registrationOpen()} />
  );
}

/** Only same-site paths: never send a person off to a URL someone put in a link. */
function safeCallback(url: string | undefined): string {
  return url && url.startsWith('/') && !url.startsWith('//') ? url : '/';
}
