import { connection } from 'next/server';
import { EmailSection } from '@/components/settings/security/email-section';
import { PasswordSection } from '@/components/settings/security/password-section';
import { SessionsSection } from '@/components/settings/sessions-section';
import { MobileHeader } from '@/components/sidebar/mobile-header';
import { hasPassword } from '@/lib/auth/password-change';
import { requireUser } from '@/lib/auth/session';
import { listSessions } from '@/lib/auth/sessions';
import { verificationState } from '@/lib/auth/verification';
import { mailAvailable } from '@/lib/mail/delivery';

export const metadata = { title: 'Security' };

export default async function SecurityPage() {
  await connection();
  const user = await requireUser();
  const [state, withPassword, sessions] = await Promise.all([verificationState(user), hasPassword(user), listSessions(user, user.sessionId)]);
  const canMail = mailAvailable();

  return (
    <>
      <MobileHeader title="Settings" />
      <main className="min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto max-w-3xl px-4 py-8 sm:px-8 sm:py-12">
          <header>
            <p className="hidden text-sm font-medium text-ink-faint md:block">Settings</p>
            <h1 className="text-3xl font-semibold tracking-tight md:mt-1">Security</h1>
            <p className="mt-2 text-ink-soft">Your email address, your password, and where you’re signed in.</p>
          </header>
          <div className="mt-8 space-y-6">
            <EmailSection email={state.email} verified={state.verified} isGuest={state.isGuest} canMail={canMail} />
            <PasswordSection email={state.email} isGuest={state.isGuest} hasPassword={withPassword} canMail={canMail} />
            <SessionsSection sessions={sessions} />
          </div>
        </div>
      </main>
    </>
  );
}
