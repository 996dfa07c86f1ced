import { connection } from 'next/server';
import { EmailSection } from '@/components/settings/security/email-section';
import { PasswordSection } from '@/components/settings/security/password-section';
import { SessionsSection } from '@/components/settings/sessions-section';
import { hasPassword } from '@/lib/auth/password-change';
import { requireUser } from '@/lib/auth/session';
import { listSessions } from '@/lib/auth/sessions';
import { verificationState } from '@/lib/auth/verification';
import { mailAvailable } from '@/lib/mail/delivery';
import { SettingsPage } from '@/components/settings/settings-page';

export const metadata = { title: 'Security' };

export default async function SecurityPage() {
  await connection();
  const user = await requireUser();
  const [state, withPassword, sessions] = await Promise.all([
    verificationState(user),
    hasPassword(user),
    listSessions(user, user.sessionId),
  ]);
  const canMail = mailAvailable();

  return (
    <SettingsPage title="Security" description="Your email address, your password, and where you’re signed in.">
      <div className="mt-8 space-y-6">
        <EmailSection email={state.email} verified={state.verified} isGuest={state.isGuest} canMail={canMail} />
        <PasswordSection email={state.email} isGuest={state.isGuest} hasPassword={withPassword} canMail={canMail} />
        <SessionsSection sessions={sessions} />
      </div>
    </SettingsPage>
  );
}
