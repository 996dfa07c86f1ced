import { connection } from 'next/server';
import { SessionsSection } from '@/components/settings/sessions-section';
import { MobileHeader } from '@/components/sidebar/mobile-header';
import { requireUser } from '@/lib/auth/session';
import { listSessions } from '@/lib/auth/sessions';

export const metadata = { title: 'Security' };

/** Minimal for now: where you are signed in. Password and email sections join it. */
export default async function SecurityPage() {
  await connection();
  const user = await requireUser();
  const sessions = await listSessions(user, user.sessionId);
  return (
    <>
      <MobileHeader title="Settings" />
      <main className="min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto max-w-3xl px-4 py-8 sm:px-8 sm:py-12">
          <header>
            <p className="hidden text-sm font-medium text-ink-faint md:block">Settings</p>
            <h1 className="text-3xl font-semibold tracking-tight md:mt-1">Security</h1>
            <p className="mt-2 text-ink-soft">Where you’re signed in.</p>
          </header>
          <div className="mt-8 space-y-6">
            <SessionsSection sessions={sessions} />
          </div>
        </div>
      </main>
    </>
  );
}
