import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { connection } from 'next/server';
import { LanguageBadges } from '@/components/companions/language-badges';
import { CallButton } from '@/components/call/call-button';
import { LikeButton } from '@/components/companions/like-button';
import { ReportButton } from '@/components/companions/report-button';
import { StartChatButton } from '@/components/companions/start-chat-button';
import { MobileHeader } from '@/components/sidebar/mobile-header';
import { Avatar } from '@/components/ui/avatar';
import { buttonStyles } from '@/components/ui/button';
import { MemoryIcon, PencilIcon } from '@/components/ui/icons';
import { requireUser } from '@/lib/auth/session';
import { adultConfirmed, likesOf } from '@/lib/companions/community';
import { companionLinkRef } from '@/lib/companions/links';
import { AUDIENCE_LABELS } from '@/lib/companions/own-schemas';
import { companionBySlugOrId } from '@/lib/companions/service';
import { withUser } from '@/lib/db/scope';
import { listConversations } from '@/lib/conversations/queries';
import { redirectedSlug } from '@/lib/personas/queries';
import { shortTime } from '@/lib/format';

type Props = { params: Promise<{ slug: string }>; searchParams?: Promise<{ created?: string }> };

/** The companion's display name, accents and all ("Lucía · Hearth"), not its slug. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const companion = await companionBySlugOrId(await requireUser(), (await params).slug);
  return { title: companion?.name ?? 'Companion' };
}

// A link with broken percent-encoding is a page not found, not decodeURIComponent's URIError (a 500).
function decoded(slug: string): string {
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}

export default async function CompanionPage({ params, searchParams }: Props) {
  await connection();
  const { slug } = await params;
  const { created } = (await searchParams) ?? {};
  const user = await requireUser();
  const companion = await companionBySlugOrId(user, slug);
  if (!companion) {
    // A renamed companion keeps its old links.
    const moved = await withUser(user, (tx) => redirectedSlug(tx, decoded(slug)));
    if (moved) redirect(`/companions/${moved}`);
    notFound();
  }
  const recent = await withUser(user, (tx) => listConversations(tx, { limit: 5, companionId: companion.id }));
  // A person's companion is linked by its id: an unlisted one opens only so (lib/companions/links.ts).
  const ref = companionLinkRef(companion);
  const owned = Boolean(companion.ownerId) && companion.ownerId === user.id;
  // Someone else's companion: a heart and a report button (the operator's catalogue has neither).
  const theirs = Boolean(companion.ownerId) && !owned;
  const likes = theirs ? await likesOf(user, companion.id) : null;
  // The database refuses a conversation with someone's NSFW companion until the person confirmed their age.
  const ageGated = theirs && companion.nsfw && !(await adultConfirmed(user));

  return (
    <>
      <MobileHeader title={companion.name} />
      <main className="min-h-0 flex-1 overflow-y-auto">
        <div
          className="h-40 sm:h-52"
          style={{ background: `linear-gradient(180deg, ${companion.accentColor}33, transparent)` }}
          aria-hidden="true"
        />
        <div className="mx-auto -mt-28 max-w-3xl px-4 pb-16 sm:-mt-36 sm:px-8">
          <Avatar
            src={companion.avatarUrl}
            name={`Portrait of ${companion.name}`}
            size={176}
            accent={companion.accentColor}
          />
          <h1 className="mt-6 text-3xl font-semibold tracking-tight wrap-anywhere sm:text-4xl">{companion.name}</h1>
          {companion.tagline && <p className="mt-2 text-lg text-ink-soft">{companion.tagline}</p>}
          {owned && (
            <div className="mt-4 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
              <span className="rounded-full border border-line bg-raised px-3 py-1 text-ink-soft">
                Yours · {AUDIENCE_LABELS[companion.audience ?? 'private'].label}
              </span>
              <Link
                href={`/companions/${ref}/edit`}
                className="inline-flex items-center gap-1.5 rounded-lg font-medium text-ember-700 underline-offset-2 hover:underline dark:text-ember-300"
              >
                <PencilIcon />
                Edit {companion.name}
              </Link>
            </div>
          )}
          {theirs && likes && (
            <div className="mt-4 flex flex-wrap items-center gap-2">
              <LikeButton companionId={companion.id} liked={likes.liked} likes={likes.likes} />
              <ReportButton companionId={companion.id} companionName={companion.name} />
            </div>
          )}
          {owned && created && (
            <p
              role="status"
              className="mt-6 rounded-2xl border border-ember-200 bg-ember-50 px-4 py-3 text-sm text-ember-950 dark:border-ember-900/60 dark:bg-ember-950/30 dark:text-ember-50"
            >
              {companion.name} is ready. Say hello, or change anything about them with Edit.
            </p>
          )}
          {/* Review D33: nothing left alone on a row. Phones: starting a chat fills the first row, Call and
              Memories share the second; wider screens: one row. */}
          {ageGated ? (
            <p className="mt-6 rounded-2xl border border-line bg-raised px-4 py-3 text-sm text-ink-soft">
              {companion.name} is for adults. To talk with them, confirm that you are 18 or older in{' '}
              <Link
                href="/settings#mature-companions"
                className="font-medium text-ember-700 underline dark:text-ember-300"
              >
                Settings
              </Link>
              .
            </p>
          ) : (
            <div className="mt-6 grid grid-cols-2 gap-3 sm:flex sm:flex-wrap sm:items-center">
              <div className="col-span-2">
                <StartChatButton companion={ref} name={companion.name} languages={companion.languages} />
              </div>
              <CallButton companion={ref} name={companion.name} />
              <Link
                href={`/companions/${ref}/memory`}
                aria-label={`Memories: what ${companion.name} remembers about you`}
                className={`${buttonStyles.secondary} px-6 py-3 text-base`}
              >
                <MemoryIcon className="size-5" />
                Memories
              </Link>
            </div>
          )}
          {companion.description && (
            <p className="mt-8 max-w-prose leading-relaxed whitespace-pre-line text-ink-soft">
              {companion.description}
            </p>
          )}
          <dl className="mt-8 grid gap-6 sm:grid-cols-2">
            {companion.specialties.length > 0 && (
              <div>
                <dt className="text-sm font-medium text-ink-faint">Good at</dt>
                <dd className="mt-2 flex flex-wrap gap-1.5">
                  {companion.specialties.map((s) => (
                    <span
                      key={s}
                      className="rounded-full px-3 py-1 text-sm capitalize"
                      style={{ background: `${companion.accentColor}24` }}
                    >
                      {s}
                    </span>
                  ))}
                </dd>
              </div>
            )}
            <div>
              <dt className="text-sm font-medium text-ink-faint">Speaks</dt>
              <dd className="mt-2">
                <LanguageBadges languages={companion.languages} />
              </dd>
            </div>
          </dl>
          {recent.items.length > 0 && (
            <section aria-labelledby="recent-with" className="mt-12">
              <h2 id="recent-with" className="text-sm font-medium text-ink-faint">
                Your conversations with {companion.name}
              </h2>
              <ul className="mt-3 divide-y divide-line rounded-2xl border border-line bg-raised">
                {recent.items.map((c) => (
                  <li key={c.id}>
                    <Link
                      href={`/chat/${c.id}`}
                      className="flex items-center justify-between gap-4 px-4 py-3 text-sm hover:bg-sunken/60"
                    >
                      <span className="truncate">{c.title}</span>
                      <span className="shrink-0 text-ink-faint">{shortTime(c.updatedAt)}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      </main>
    </>
  );
}
