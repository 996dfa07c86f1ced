import type { Queryable } from '@/lib/db/client';
import type { ConversationSummary } from '@/lib/conversations/queries';

/**
 * Full-text search over the person's own conversations: their titles and the text of their
 * messages. RLS scopes every row read here, so another person's words can never match.
 *
 * Messages are matched by hearth.search_messages (supabase/migrations/20261208010000_conversation_list.sql),
 * which can use the search index where RLS would not let the planner. The 'simple' configuration (lower-cased words, no stemming, no stop words) works the same in
 * every language a conversation may be in and exists in PGlite too. Every word of the query must
 * appear, each as the start of a word ("hik" finds "hiking"), which is what a box that searches
 * as you type needs; websearch_to_tsquery matches whole words only.
 */

/** A piece of text and whether it is what the search matched. */
export type Marked = { text: string; match: boolean }[];

export type SearchHit = {
  conversation: ConversationSummary;
  title: Marked;
  /** Where a message matched, cut around the match; null when only the title did. */
  snippet: Marked | null;
};

// At most this many words count: a pasted paragraph is not a search.
const MAX_TERMS = 8;
const MAX_TERM_CHARS = 64;

/**
 * The query as a tsquery text, every word a prefix that must appear; null when it has no word.
 * Only letters and digits reach to_tsquery, so no input can make its syntax fail.
 */
export function prefixQuery(input: string): string | null {
  const words = (input.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .map((word) => word.slice(0, MAX_TERM_CHARS))
    .slice(0, MAX_TERMS);
  return words.length ? [...new Set(words)].map((word) => `${word}:*`).join(' & ') : null;
}

// The matched words come back between these two characters, which message text cannot carry
// (lib/validation/text refuses control characters); the server splits on them, so no markup
// ever reaches the page.
const START = '\u0002';
const STOP = '\u0003';
const MARKS = `StartSel="${START}", StopSel="${STOP}"`;

type Row = ConversationSummary & { titleMarked: string; snippetMarked: string | null };

/** The person's conversations matching the query, most recently active first (archived ones too). */
export async function searchConversations(tx: Queryable, input: string, limit = 20): Promise<SearchHit[]> {
  const query = prefixQuery(input);
  if (!query) return [];
  const rows = await tx.query<Row>(
    `with q as (select to_tsquery('simple', $1) as query),
     hits as (select * from hearth.search_messages($1))
     select c.id, c.title, c.model, c.language, c.companion_id as "companionId", c.created_at as "createdAt",
            c.updated_at as "updatedAt", c.pinned_at as "pinnedAt", c.archived_at as "archivedAt",
            json_build_object('id', p.id, 'slug', p.slug, 'name', p.name, 'avatarUrl', p.avatar_url,
                              'accentColor', p.accent_color) as companion,
            ts_headline('simple', c.title, q.query, 'HighlightAll=true, ${MARKS}') as "titleMarked",
            case when h.parts is not null then
              ts_headline('simple',
                (select string_agg(part ->> 'text', ' ' order by n)
                   from jsonb_array_elements(h.parts) with ordinality as e(part, n) where part ->> 'type' = 'text'),
                q.query, 'MaxWords=18, MinWords=8, MaxFragments=1, FragmentDelimiter=" … ", ${MARKS}')
            end as "snippetMarked"
       from hearth.conversations c
       join hearth.companions p on p.id = c.companion_id
       cross join q
       left join hits h on h.conversation_id = c.id
      where h.conversation_id is not null or to_tsvector('simple', c.title) @@ q.query
      order by c.updated_at desc, c.id desc
      limit $2`,
    [query, limit],
  );
  return rows.map(({ titleMarked, snippetMarked, ...conversation }) => ({
    conversation,
    title: marked(titleMarked),
    snippet: snippetMarked === null ? null : marked(snippetMarked),
  }));
}

/** ts_headline's text split into plain and matched pieces. */
export function marked(text: string): Marked {
  const pieces: Marked = [];
  for (const [i, piece] of text.split(new RegExp(`[${START}${STOP}]`)).entries()) {
    if (piece) pieces.push({ text: piece, match: i % 2 === 1 });
  }
  return pieces;
}
