'use client';

import { useEffect, useState, useTransition } from 'react';
import { conversationListAction, moreConversationsAction } from '@/app/(app)/actions';
import type { ConversationSummary } from '@/lib/conversations/queries';
import type { ConversationList } from '@/lib/conversations/service';
import { useSidebar } from './store';

/**
 * The sidebar's conversations: the pinned ones and the pages of the others read so far. A fresh
 * list from the server (the layout rendered again) replaces what was paged in; so does one read
 * when something asks the sidebar to refresh (useSidebar's refreshList, after a reply).
 */
export function useConversationList(initial: ConversationList) {
  const [list, setList] = useState(initial);
  const [extra, setExtra] = useState<ConversationSummary[]>([]);
  const [cursor, setCursor] = useState(initial.recent.nextCursor);
  const [error, setError] = useState<string | null>(null);
  const [loading, startLoading] = useTransition();

  const replace = (fresh: ConversationList) => {
    setList(fresh);
    setExtra([]);
    setCursor(fresh.recent.nextCursor);
  };
  const [previousInitial, setPreviousInitial] = useState(initial);
  if (initial !== previousInitial) {
    setPreviousInitial(initial);
    replace(initial);
  }

  const listVersion = useSidebar((s) => s.listVersion);
  useEffect(() => {
    if (listVersion === 0) return;
    let current = true;
    conversationListAction().then(
      (fresh) => current && replace(fresh),
      () => {}, // the list shown stays; the next refresh tries again
    );
    return () => {
      current = false;
    };
  }, [listVersion]);

  const loadMore = () =>
    startLoading(async () => {
      if (!cursor) return;
      try {
        const page = await moreConversationsAction(cursor);
        setExtra((prev) => [...prev, ...page.items]);
        setCursor(page.nextCursor);
        setError(null);
      } catch {
        setError('Could not load more conversations.');
      }
    });

  const recent = [...list.recent.items, ...extra.filter((e) => !list.recent.items.some((i) => i.id === e.id))];
  return { pinned: list.pinned, recent, hasMore: cursor !== null, loadMore, loading, error };
}
