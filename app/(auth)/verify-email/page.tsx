import { VerifyEmailPanel } from '@/components/auth/verify-email-panel';

export const metadata = { title: 'Confirm your email' };

type Props = { searchParams: Promise<{ token?: string | string[] }> };

export default async function VerifyEmailPage({ searchParams }: Props) {
  const { token } = await searchParams;
  return <VerifyEmailPanel token={typeof token === 'string' ? token : ''} />;
}
