'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { searchConversationsAction } from '@/app/(app)/actions';
import { Avatar } from '@/components/ui/avatar';
import type { Marked, SearchHit } from '@/lib/conversations/search';

// Waits this long after the last key before asking the server.
const DEBOUNCE_MS = 250;

type State = { query: string; hits: SearchHit[] } | { query: string; error: string };

/**
 * The sidebar's search results for what is typed (loaded on demand, with the first search): each
 * conversation whose title or messages hold every word, with the matched words marked.
 */
export default function SearchResults({ query, activeId }: { query: string; activeId: string | null }) {
  const [state, setState] = useState<State | null>(null);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      searchConversationsAction(query).then(
        (result) => current && setState(result.ok ? { query, hits: result.hits } : { query, error: result.error }),
        () => current && setState({ query, error: 'Couldn’t search just now. Check your connection, then try again.' }),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  const settled = state?.query === query;
  return (
    <div aria-busy={!settled}>
      <p
        role="status"
        className={settled && 'hits' in state && state.hits.length ? 'sr-only' : 'px-3 py-4 text-sm text-ink-faint'}
      >
        {!settled
          ? 'Searching…'
          : 'error' in state
            ? state.error
            : state.hits.length === 0
              ? `No conversations match “${query.trim()}”.`
              : `${state.hits.length} ${state.hits.length === 1 ? 'conversation' : 'conversations'} found`}
      </p>
      {state && 'hits' in state && state.hits.length > 0 && (
        <ul
          id="conversation-search-results"
          aria-label="Search results"
          className={`space-y-0.5 ${settled ? '' : 'opacity-60'}`}
        >
          {state.hits.map(({ conversation, title, snippet }) => (
            <li key={conversation.id}>
              <Link
                href={`/chat/${conversation.id}`}
                aria-current={activeId === conversation.id ? 'page' : undefined}
                className="flex gap-3 rounded-xl px-2.5 py-2 text-sm text-ink-soft transition-colors hover:bg-sunken/70 hover:text-ink aria-[current=page]:bg-sunken aria-[current=page]:text-ink"
              >
                <Avatar
                  src={conversation.companion.avatarUrl}
                  name={conversation.companion.name}
                  decorative
                  size={32}
                />
                <span className="min-w-0 flex-1">
                  <span className="block truncate font-medium">
                    <MarkedText pieces={title} />
                  </span>
                  <span className="block truncate text-xs text-ink-faint">
                    {conversation.companion.name}
                    {conversation.archivedAt && ' · Archived'}
                  </span>
                  {snippet && (
                    <span className="mt-0.5 line-clamp-2 text-xs text-ink-soft">
                      <MarkedText pieces={snippet} />
                    </span>
                  )}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function MarkedText({ pieces }: { pieces: Marked }) {
  return pieces.map((piece, i) =>
    piece.match ? (
      <mark key={i} className="rounded-sm bg-ember-200/80 px-0.5 text-ink dark:bg-ember-800/70">
        {piece.text}
      </mark>
    ) : (
      piece.text
    ),
  );
}
