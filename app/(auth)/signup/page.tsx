import { redirect } from 'next/navigation';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { humanCheckSiteKey } from '@/lib/auth/human-check';
import { getSessionCaller } from '@/lib/auth/session';

export const metadata = { title: 'Create an account' };

export default async function SignUpPage() {
  if (await getSessionCaller()) redirect('/');
  return <SignUpForm humanCheckSiteKey={humanCheckSiteKey()} />;
}
