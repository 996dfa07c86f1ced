import { ForgotPasswordForm } from '@/components/auth/forgot-password-form';
import { MailUnavailable } from '@/components/auth/mail-unavailable';
import { RESET_UNAVAILABLE } from '@/lib/auth/password-recovery';
import { mailAvailable } from '@/lib/mail/delivery';

export const metadata = { title: 'Reset your password' };

export default function ForgotPasswordPage() {
  if (!mailAvailable()) return <MailUnavailable title="Reset your password" message={RESET_UNAVAILABLE} />;
  return <ForgotPasswordForm />;
}
