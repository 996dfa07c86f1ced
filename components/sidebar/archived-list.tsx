'use client';

import { useEffect, useState, useTransition } from 'react';
import { moreConversationsAction } from '@/app/(app)/actions';
import { buttonStyles } from '@/components/ui/button';
import type { ConversationSummary } from '@/lib/conversations/queries';
import { ConversationItem } from './conversation-item';
import { BackIcon } from './list-icons';

/** The archived conversations, out of the main list; each can be unarchived or deleted. Loaded on demand. */
export default function ArchivedList({ activeId, onBack }: { activeId: string | null; onBack: () => void }) {
  const [items, setItems] = useState<ConversationSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, startLoading] = useTransition();

  const load = (from: string | null) =>
    startLoading(async () => {
      try {
        const page = await moreConversationsAction(from, 'archived');
        setItems((prev) => [...(from ? (prev ?? []) : []), ...page.items]);
        setCursor(page.nextCursor);
        setError(null);
      } catch {
        setError('Could not load the archived conversations.');
      }
    });
  useEffect(() => load(null), []);

  return (
    <div>
      <div className="flex items-center gap-1 pb-2">
        <button type="button" onClick={onBack} className={`${buttonStyles.ghost} px-2`}>
          <BackIcon /> All chats
        </button>
        <h2 className="ml-auto px-2 text-xs font-medium text-ink-faint">Archived</h2>
      </div>
      {items === null && !error && <p className="px-3 py-4 text-sm text-ink-faint">Loading…</p>}
      {items?.length === 0 && (
        <p className="px-3 py-4 text-sm text-ink-faint">
          Nothing archived. Archive a conversation from its menu to keep it out of your list.
        </p>
      )}
      {items && items.length > 0 && (
        <ul className="space-y-0.5" aria-label="Archived conversations">
          {items.map((conversation) => (
            <ConversationItem
              key={conversation.id}
              conversation={conversation}
              active={activeId === conversation.id}
              onChanged={() => setItems((prev) => prev?.filter((c) => c.id !== conversation.id) ?? null)}
            />
          ))}
        </ul>
      )}
      {cursor && (
        <button
          type="button"
          onClick={() => load(cursor)}
          disabled={loading}
          className={`${buttonStyles.ghost} mt-2 w-full`}
        >
          {loading ? 'Loading…' : 'Show older'}
        </button>
      )}
      {error && (
        <p role="alert" className="px-3 py-2 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
