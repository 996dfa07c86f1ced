import Link from 'next/link';
import { connection } from 'next/server';
import { CommunitySection } from '@/components/companions/community-section';
import { CompanionPicker } from '@/components/companions/companion-picker';
import { communityTags } from '@/components/companions/community-tags';
import { TimeGreeting } from '@/components/companions/time-greeting';
import { YourCompanions } from '@/components/companions/your-companions';
import { OfflineBanner } from '@/components/chat/offline-banner';
import { Avatar } from '@/components/ui/avatar';
import { MobileHeader } from '@/components/sidebar/mobile-header';
import { requireUser } from '@/lib/auth/session';
import { communityCompanions, ownCompanions } from '@/lib/companions/own';
import type { CommunityCompanion } from '@/lib/companions/own-queries';
import { availableCompanions } from '@/lib/companions/service';
import type { UserScope } from '@/lib/db/scope';
import { isHearthError } from '@/lib/errors';
import { pageOfConversations } from '@/lib/conversations/service';
import { isOfflineModel } from '@/lib/ai/registry';
import { preferredModel } from '@/lib/ai/routing';
import { shortTime } from '@/lib/format';

type SearchParams = Record<string, string | string[] | undefined>;

/** A query parameter given once, trimmed and cut to `max` characters; '' otherwise. */
function param(value: string | string[] | undefined, max: number): string {
  return typeof value === 'string' ? value.trim().slice(0, max).trim() : '';
}

/** The Community as searched; a search the filters refuse (a control character, say) finds nobody. */
async function searchCommunity(user: UserScope, q: string, tag: string): Promise<CommunityCompanion[]> {
  try {
    return await communityCompanions(user, { q, ...(tag ? { tag } : {}) });
  } catch (error) {
    if (isHearthError(error) && error.code === 'bad_request') return [];
    throw error;
  }
}

export default async function HomePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const params = await searchParams;
  const denied = params.denied;
  const [q, tag] = [param(params.q, 80), param(params.tag, 60)];
  const user = await requireUser();
  const [companions, recent, own, community] = await Promise.all([
    availableCompanions(user),
    pageOfConversations(user, { limit: 4, view: 'unarchived' }),
    ownCompanions(user),
    communityCompanions(user, {}),
  ]);
  const found = q || tag ? await searchCommunity(user, q, tag) : community;
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
          {params.removed === '1' && (
            <p role="status" className="mb-8 rounded-2xl border border-line bg-raised px-4 py-3 text-sm text-ink-soft">
              Your companion was removed. Chats already started with them are still in your list.
            </p>
          )}
          <CompanionPicker companions={companions} />
          <YourCompanions companions={own} />
          <CommunitySection
            companions={found}
            tags={communityTags(community)}
            q={q}
            tag={tag || null}
            anyShared={community.length > 0}
          />
        </div>
      </main>
    </>
  );
}
