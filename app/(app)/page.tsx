import Link from 'next/link';
import { connection } from 'next/server';
import { CompanionPicker } from '@/components/companions/companion-picker';
import { TimeGreeting } from '@/components/companions/time-greeting';
import { OfflineBanner } from '@/components/chat/offline-banner';
import { Avatar } from '@/components/ui/avatar';
import { MobileHeader } from '@/components/sidebar/mobile-header';
import { requireUser } from '@/lib/auth/session';
import { availableCompanions } from '@/lib/companions/service';
import { pageOfConversations } from '@/lib/conversations/service';
import { isOfflineModel } from '@/lib/ai/registry';
import { preferredModel } from '@/lib/ai/routing';
import { shortTime } from '@/lib/format';

export default async function HomePage({ searchParams }: { searchParams: Promise<{ denied?: string }> }) {
  await connection();
  const { denied } = await searchParams;
  const user = await requireUser();
  const [companions, recent] = await Promise.all([
    availableCompanions(user),
    pageOfConversations(user, { limit: 4, view: 'unarchived' }),
  ]);
  const firstName = user.isGuest ? null : user.name?.split(' ')[0];
  const offline = companions.every((companion) => isOfflineModel(preferredModel(companion)));

  return (
    <>
      <MobileHeader title="Companions" />
      <main className="min-h-0 flex-1 overflow-y-auto">
        <div className="mx-auto max-w-6xl px-4 py-8 sm:px-8 sm:py-12">
          <header className="mb-8">
            <h1 className="text-3xl font-semibold tracking-tight wrap-anywhere sm:text-4xl">
              <TimeGreeting name={firstName} />
            </h1>
            <p className="mt-2 text-ink-soft">Who would you like to talk to?</p>
          </header>
          {denied === 'admin' && (
            // Where the middleware sends someone who opened the admin dashboard without the admin role.
            <p role="status" className="mb-8 rounded-2xl border border-line bg-raised px-4 py-3 text-sm text-ink-soft">
              The admin dashboard is only for this Hearth’s admins. If you need it, ask one of them to give your account
              the admin role.
            </p>
          )}
          {offline && <OfflineBanner className="mb-8" setupHint={user.role === 'admin'} />}
          {recent.items.length > 0 && (
            <section aria-labelledby="recent-heading" className="mb-10">
              <h2 id="recent-heading" className="mb-3 text-sm font-medium text-ink-faint">
                Continue where you left off
              </h2>
              <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
                {recent.items.map((c) => (
                  <li key={c.id}>
                    <Link
                      href={`/chat/${c.id}`}
                      className="flex items-center gap-3 rounded-2xl border border-line bg-raised p-3 transition hover:-translate-y-0.5 hover:shadow-md"
                    >
                      <Avatar
                        src={c.companion.avatarUrl}
                        name={c.companion.name}
                        decorative
                        size={40}
                        accent={c.companion.accentColor}
                      />
                      <span className="min-w-0">
                        <span className="block truncate text-sm font-medium">{c.title}</span>
                        <span className="block truncate text-xs text-ink-faint">
                          {c.companion.name} · {shortTime(c.updatedAt)}
                        </span>
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <CompanionPicker companions={companions} />
        </div>
      </main>
    </>
  );
}
