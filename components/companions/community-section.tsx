import Link from 'next/link';
import type { CommunityCompanion } from '@/lib/companions/own-queries';
import { CommunitySearch } from './community-search';
import { CompanionCard } from './companion-card';

type Props = {
  /** The companions shown: the whole Community, or what the search and the tag found. */
  companions: CommunityCompanion[];
  /** The Community's most used tags, for the chips. */
  tags: string[];
  q: string;
  tag: string | null;
  /** Whether anyone has shared a companion at all (the empty state differs). */
  anyShared: boolean;
};

const LINK = 'text-ember-700 underline underline-offset-2 dark:text-ember-300';

/** Where people's companions shared with everyone are found: a search, tag chips and their cards, most talked-to first. */
export function CommunitySection({ companions, tags, q, tag, anyShared }: Props) {
  const filtered = Boolean(q || tag);
  return (
    <section id="community" aria-labelledby="community-heading" className="mt-14 scroll-mt-6">
      <div className="mb-4">
        <h2 id="community-heading" className="text-xl font-semibold tracking-tight">
          Community
        </h2>
        <p className="mt-1 text-sm text-ink-soft">Companions people made and shared with everyone.</p>
      </div>
      {anyShared && <CommunitySearch q={q} tag={tag} tags={tags} />}
      {filtered && (
        <p className="sr-only" role="status">
          {companions.length === 1 ? 'One companion found' : `${companions.length} companions found`}
        </p>
      )}
      {companions.length === 0 ? (
        <div className="rounded-3xl border border-dashed border-field-line px-6 py-12 text-center">
          {filtered ? (
            <>
              <p className="font-medium">
                Nobody in the Community matches {q ? `“${q}”` : ''}
                {q && tag ? ' in ' : ''}
                {tag ? <span className="capitalize">{tag}</span> : ''}.
              </p>
              <p className="mt-2 text-sm">
                <Link href="/#community" scroll={false} className={LINK}>
                  Show everyone
                </Link>
              </p>
            </>
          ) : (
            <>
              <p className="font-medium">Nobody has shared a companion yet.</p>
              <p className="mt-1 text-sm text-ink-soft">
                Make one and choose <span className="font-medium text-ink">Everyone</span> to be the first.{' '}
                <Link href="/companions/new" className={LINK}>
                  Create a companion
                </Link>
              </p>
            </>
          )}
        </div>
      ) : (
        <ul aria-label="Community" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {companions.map((companion) => (
            <li key={companion.id} className="animate-fade-in">
              <CompanionCard companion={companion} linkRef={companion.id} footer={<Made companion={companion} />} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Made({ companion }: { companion: CommunityCompanion }) {
  const count = (n: number) => n.toLocaleString('en-US');
  return (
    <p className="flex flex-wrap items-center gap-x-1.5 text-xs text-ink-faint">
      <span className="truncate">by {companion.creator}</span>
      <span aria-hidden="true">·</span>
      <span>
        {companion.chats === 0 ? 'No chats yet' : companion.chats === 1 ? '1 chat' : `${count(companion.chats)} chats`}
      </span>
      {companion.likes > 0 && (
        <>
          <span aria-hidden="true">·</span>
          <span>{companion.likes === 1 ? '1 like' : `${count(companion.likes)} likes`}</span>
        </>
      )}
      {companion.recentChats > 0 && (
        <>
          <span aria-hidden="true">·</span>
          <span>{count(companion.recentChats)} this week</span>
        </>
      )}
    </p>
  );
}
