'use client';

import { useHydrated } from '@/components/ui/use-hydrated';
import { buttonStyles } from '@/components/ui/button';
import { groupByDate } from '@/lib/conversations/date-groups';
import type { ConversationSummary } from '@/lib/conversations/queries';
import { ConversationItem } from './conversation-item';

type Props = {
  pinned: ConversationSummary[];
  recent: ConversationSummary[];
  activeId: string | null;
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  loadMore: () => void;
};

/**
 * The pinned conversations, then the others by day: Today, Yesterday, Previous 7 days, Previous
 * 30 days, then by month, in the person's time zone. The server cannot know that zone, so its
 * render (and the first in the browser) has no day groups; they appear once hydrated.
 */
export function ConversationList({ pinned, recent, activeId, hasMore, loading, error, loadMore }: Props) {
  const hydrated = useHydrated();
  if (pinned.length === 0 && recent.length === 0)
    return <p className="px-3 py-6 text-sm text-ink-faint">No conversations yet. Pick a companion to start one.</p>;
  const groups = hydrated
    ? groupByDate(recent, (c) => new Date(c.updatedAt), new Date())
    : [{ label: null, items: recent }];
  return (
    <>
      {pinned.length > 0 && <Group label="Pinned" items={pinned} activeId={activeId} />}
      {groups.map((group) => (
        <Group key={group.label ?? 'all'} label={group.label} items={group.items} activeId={activeId} />
      ))}
      {hasMore && (
        <button type="button" onClick={loadMore} disabled={loading} className={`${buttonStyles.ghost} mt-2 w-full`}>
          {loading ? 'Loading…' : 'Show older conversations'}
        </button>
      )}
      {error && (
        <p role="alert" className="px-3 py-2 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </>
  );
}

function Group({
  label,
  items,
  activeId,
}: {
  label: string | null;
  items: ConversationSummary[];
  activeId: string | null;
}) {
  const id = label && `group-${label.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <div className="mt-3 first:mt-0">
      {label && id && (
        <h3 id={id} className="px-3 pb-1 text-xs font-medium text-ink-faint">
          {label}
        </h3>
      )}
      <ul className="space-y-0.5" aria-labelledby={id || undefined}>
        {items.map((conversation) => (
          <ConversationItem key={conversation.id} conversation={conversation} active={activeId === conversation.id} />
        ))}
      </ul>
    </div>
  );
}
