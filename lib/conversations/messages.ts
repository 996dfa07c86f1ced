import type { Queryable } from '@/lib/db/client';
import { decodeCursor, pageOf, withoutSeqKey, type Page } from '@/lib/db/cursor';
import { runStatement, type Statement } from '@/lib/db/statement';
import { INTERRUPTED_REPLY_ERROR } from '@/lib/db/maintenance';

export type MessageStatus = 'complete' | 'streaming' | 'error' | 'aborted';
export type MessageRole = 'user' | 'assistant';
/** How the person said it: typed, or spoken in a call (whose replies are spoken too). */
export type MessageSource = 'text' | 'voice';
export type TextPart = { type: 'text'; text: string };
/** A file attached to a message: its url is the app's uploads route (lib/uploads). */
export type FilePart = { type: 'file'; mediaType: string; url: string; filename?: string };

export type StoredMessage = {
  id: string;
  role: MessageRole;
  parts: (TextPart | FilePart)[];
  status: MessageStatus;
  source: MessageSource;
  error: string | null;
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  ttftMs: number | null;
  latencyMs: number | null;
  costUsd: number | null;
  usageEstimated: boolean;
  fallbacks: Fallback[] | null;
  /** The person's thumbs up (1) or down (-1) on a reply; null when not rated. */
  rating: Rating | null;
  createdAt: Date;
  /** The message this one follows (null: the conversation's first). */
  parentId: string | null;
  /**
   * The messages that could stand here instead, this one among them, oldest first: the replies a
   * regenerate kept and the edits that forked a branch (lib/conversations/branches.ts). One: none.
   */
  alternatives: string[];
};

export type Rating = 1 | -1;

/** A model that failed before its first token, so the next one in the companion's list answered. */
export type Fallback = { model: string; error: string };

// Read from `hearth.messages m`. A message's alternatives are its siblings: the children of its
// parent, or the conversation's first messages (each side down an index of its own).
const COLUMNS = `m.id, m.role, m.parts, m.status, m.source, m.error, m.model, m.input_tokens as "inputTokens",
  m.output_tokens as "outputTokens", m.ttft_ms as "ttftMs", m.latency_ms as "latencyMs", m.cost_usd as "costUsd",
  m.usage_estimated as "usageEstimated", m.fallbacks, m.rating, m.created_at as "createdAt", m.parent_id as "parentId",
  case when m.parent_id is null
       then array(select s.id::text from hearth.messages s
                   where s.conversation_id = m.conversation_id and s.parent_id is null order by s.seq)
       else array(select s.id::text from hearth.messages s where s.parent_id = m.parent_id order by s.seq)
  end as alternatives`;

export { textOf } from '@/lib/text';

/**
 * How long a reply being written may go without a heartbeat before it counts as cut off (its
 * function killed): the instance writing it beats every 2 s (lib/chat/reply-progress.ts).
 */
export const STALE_REPLY_SECONDS = 30;

// Whether a row is a reply cut off mid-stream, by the database's clock (instances' clocks differ).
const STALE = `(m.status = 'streaming' and m.progress_at < now() - interval '${STALE_REPLY_SECONDS} seconds') as "stale"`;

/**
 * A conversation's messages as it reads now (its active branch), oldest first. A reply cut off mid-stream is closed as an error as it
 * is read (with the text its last heartbeat saved), so a deployment whose cron runs daily never
 * shows one as still being written; reading costs no extra round trip unless there is one.
 */
export async function listMessages(tx: Queryable, conversationId: string): Promise<StoredMessage[]> {
  const rows = await tx.query<StoredMessage & { stale: boolean }>(
    `select ${COLUMNS}, ${STALE} from hearth.messages m where m.conversation_id = $1 and m.active order by m.seq`,
    [conversationId],
  );
  return closeCutOff(tx, rows);
}

/**
 * A conversation's messages a page at a time, oldest first, keyed by seq (the order they were
 * written in); a reply cut off mid-stream is closed as it is read (see listMessages). The first page is the oldest `limit` messages and each next cursor continues
 * forward from the last message returned, so paging never skips or repeats a message even while
 * new ones are written: they only ever join the end.
 */
export async function listMessagePage(
  tx: Queryable,
  conversationId: string,
  { limit, cursor }: { limit: number; cursor?: string | null },
): Promise<Page<StoredMessage>> {
  const afterSeq = cursor ? decodeCursor(cursor, /^\d{1,18}$/) : null;
  // seq > 0 rather than "no cursor or seq > cursor": one range the (conversation_id, seq) index
  // walks straight to, which an OR would turn into a scan from the first message.
  const rows = await tx.query<StoredMessage & { seqKey: string; stale: boolean }>(
    `select ${COLUMNS}, m.seq::text as "seqKey", ${STALE} from hearth.messages m
      where m.conversation_id = $1 and m.active and m.seq > coalesce($2::bigint, 0)
      order by m.seq limit $3`,
    [conversationId, afterSeq, limit + 1],
  );
  return pageOf(await closeCutOff(tx, rows), limit, (r) => r.seqKey, withoutSeqKey);
}

/**
 * The newest page of a conversation's messages, or the page before `cursor`: keyed by seq and read
 * newest first (the (conversation_id, seq) index walked backwards), returned oldest first as a
 * page shows them. nextCursor leads to the older messages before this page, null at the
 * conversation's start; messages written meanwhile only join the end, so going back never skips
 * or repeats one. A reply cut off mid-stream is closed as it is read (see listMessages).
 */
export async function listNewestMessagePage(
  tx: Queryable,
  conversationId: string,
  { limit, cursor }: { limit: number; cursor?: string | null },
): Promise<Page<StoredMessage>> {
  const beforeSeq = cursor ? decodeCursor(cursor, /^\d{1,18}$/) : null;
  const rows = await tx.query<StoredMessage & { seqKey: string; stale: boolean }>(
    `select ${COLUMNS}, m.seq::text as "seqKey", ${STALE} from hearth.messages m
      where m.conversation_id = $1 and m.active and m.seq < coalesce($2::bigint, 9223372036854775807)
      order by m.seq desc limit $3`,
    [conversationId, beforeSeq, limit + 1],
  );
  const page = pageOf(await closeCutOff(tx, rows), limit, (r) => r.seqKey, withoutSeqKey);
  return { items: page.items.reverse(), nextCursor: page.nextCursor };
}

export async function getMessage(tx: Queryable, id: string): Promise<StoredMessage | null> {
  const [row] = await tx.query<StoredMessage>(`select ${COLUMNS} from hearth.messages m where m.id = $1`, [id]);
  return row ?? null;
}

/**
 * Adds a message after `parentId`, or at the end of the conversation's active branch when none is
 * named (the database places it: supabase/migrations/20261209010000_branches.sql).
 */
export async function insertMessage(tx: Queryable, input: NewMessage): Promise<string> {
  const [row] = await runStatement<{ id: string }>(tx, insertMessageStatement(input));
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export type NewMessage = {
  id?: string;
  conversationId: string;
  parentId?: string;
  role: MessageRole;
  text: string;
  status: MessageStatus;
  model?: string;
  parts?: unknown[];
  source?: MessageSource;
};

export function insertMessageStatement(input: NewMessage): Statement {
  return {
    sql: `insert into hearth.messages (id, conversation_id, role, parts, status, model, source, parent_id)
          values (coalesce($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6, $7, $8) returning id`,
    params: [
      input.id ?? null,
      input.conversationId,
      input.role,
      JSON.stringify(input.parts ?? [{ type: 'text', text: input.text }]),
      input.status,
      input.model ?? null,
      input.source ?? 'text',
      input.parentId ?? null,
    ],
  };
}

/** A message as a turn needs it: its text only, extracted by the database; seq once it is stored. */
export type HistoryEntry = {
  id: string;
  role: MessageRole;
  text: string;
  seq?: string;
  /** The message it follows, once it is stored (null: the conversation's first). */
  parentId?: string | null;
  /** Whether the message carries files (images, a voice note), which the turn then loads. */
  hasFiles?: boolean;
};

/**
 * The newest messages of a conversation's active branch after `afterSeq` (those the rolling summary
 * does not cover) and up to `throughSeq` (all of them by default), oldest first, as plain text:
 * what a turn reads.
 */
export async function listHistory(
  tx: Queryable,
  conversationId: string,
  limit: number,
  { afterSeq = '0', throughSeq }: { afterSeq?: string; throughSeq?: string } = {},
): Promise<HistoryEntry[]> {
  const newest = await tx.query<HistoryEntry>(
    `select m.id, m.role, m.seq::text as seq, m.parent_id as "parentId",
            coalesce((select string_agg(part ->> 'text', '' order by n)
                        from jsonb_array_elements(m.parts) with ordinality as p(part, n)
                       where part ->> 'type' = 'text'), '') as text,
            m.parts @> '[{"type": "file"}]' as "hasFiles"
       from hearth.messages m
      where m.conversation_id = $1 and m.active and m.seq > $3::bigint and m.seq <= coalesce($4::bigint, 9223372036854775807)
      order by m.seq desc limit $2`,
    [conversationId, limit, afterSeq, throughSeq ?? null],
  );
  return newest.reverse();
}

/**
 * The empty reply a turn streams into, after `parentId` (the end of the active branch when not
 * named), and the conversation moved to the top, in one statement.
 */
export function startReplyStatement(input: {
  id: string;
  conversationId: string;
  parentId?: string;
  model: string;
  title?: string;
  source?: MessageSource;
}): Statement {
  return {
    sql: `with reply as (
            insert into hearth.messages (id, conversation_id, role, parts, status, model, source, parent_id)
            values ($4, $1, 'assistant', '[]', 'streaming', $2, $5, $6) returning id
          ), touched as (
            update hearth.conversations set updated_at = now(), title = coalesce($3, title) where id = $1
          )
          select id from reply`,
    params: [
      input.conversationId,
      input.model,
      input.title ?? null,
      input.id,
      input.source ?? 'text',
      input.parentId ?? null,
    ],
  };
}

/** The conversation moved to the top (and titled, when given), as startReply does for a turn. */
export async function touchConversation(tx: Queryable, conversationId: string, title?: string): Promise<void> {
  await tx.query('update hearth.conversations set updated_at = now(), title = coalesce($2, title) where id = $1', [
    conversationId,
    title ?? null,
  ]);
}

/** Replaces the message's text; its other parts (attached files) stay. */
export async function updateMessageText(tx: Queryable, id: string, text: string): Promise<void> {
  await tx.query(
    `update hearth.messages
        set parts = coalesce((select jsonb_agg(p order by n) from jsonb_array_elements(parts) with ordinality as e(p, n)
                               where p ->> 'type' <> 'text'), '[]'::jsonb) || jsonb_build_array(jsonb_build_object('type', 'text', 'text', $2::text))
      where id = $1`,
    [id, text],
  );
}

export async function deleteMessages(tx: Queryable, ids: string[]): Promise<void> {
  if (ids.length) await tx.query('delete from hearth.messages where id = any($1::uuid[])', [ids]);
}

export type FinishedReply = {
  text: string;
  status: Exclude<MessageStatus, 'streaming'>;
  error?: string;
  inputTokens?: number;
  outputTokens?: number;
  ttftMs?: number;
  usageEstimated?: boolean;
  latencyMs: number;
  costUsd?: number | null;
  /** The model that answered, when it differs from the one the reply started with. */
  model?: string;
  fallbacks?: Fallback[];
  /** Pictures the reply made (the picture tool), shown before its text. */
  files?: FilePart[];
};

/** The reply as it ended, over the empty one startReplyStatement made. */
export function finishReplyStatement(id: string, reply: FinishedReply): Statement {
  return {
    sql: `update hearth.messages
             set parts = $2, status = $3, error = $4, input_tokens = $5, output_tokens = $6, ttft_ms = $7, latency_ms = $8,
                 cost_usd = $9, usage_estimated = $10, model = coalesce($11, model), fallbacks = $12
           where id = $1`,
    params: [
      id,
      JSON.stringify([...(reply.files ?? []), ...(reply.text ? [{ type: 'text', text: reply.text }] : [])]),
      reply.status,
      reply.error?.slice(0, 2000) ?? null,
      reply.inputTokens ?? null,
      reply.outputTokens ?? null,
      reply.ttftMs ?? null,
      reply.latencyMs,
      reply.costUsd ?? null,
      reply.usageEstimated ?? false,
      reply.model ?? null,
      reply.fallbacks?.length ? JSON.stringify(reply.fallbacks) : null,
    ],
  };
}

/** The rows as read, with the cut-off replies among them closed: one more statement only when there is one. */
async function closeCutOff<T extends StoredMessage & { stale: boolean }>(
  tx: Queryable,
  rows: T[],
): Promise<Omit<T, 'stale'>[]> {
  const cut = rows.filter((row) => row.stale).map((row) => row.id);
  const closed = new Set(cut.length ? await closeStaleReplies(tx, cut) : []);
  return rows.map(({ stale, ...row }) =>
    stale && closed.has(row.id) ? { ...row, status: 'error' as const, error: INTERRUPTED_REPLY_ERROR } : row,
  );
}

/**
 * Closes the given replies as errors if they are still streaming with a stale heartbeat (the text
 * the last heartbeat saved stays); returns the ids it closed. Re-checked here, so a reply whose
 * writer came back to life in the meantime is left alone; in the caller's scope.
 */
export async function closeStaleReplies(tx: Queryable, ids: string[]): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `update hearth.messages set status = 'error', error = $2
      where id = any($1::uuid[]) and status = 'streaming' and progress_at < now() - interval '${STALE_REPLY_SECONDS} seconds'
      returning id`,
    [ids, INTERRUPTED_REPLY_ERROR],
  );
  return rows.map((row) => row.id);
}

/**
 * Whether the conversation is visible (null when it is not the caller's), with its replies cut
 * off mid-stream, in one statement (the partial index of streaming replies finds them).
 */
export async function cutOffRepliesOf(tx: Queryable, conversationId: string): Promise<string[] | null> {
  const [row] = await tx.query<{ stale: string[] }>(
    `select array(select m.id::text from hearth.messages m
                   where m.conversation_id = c.id and m.status = 'streaming'
                     and m.progress_at < now() - interval '${STALE_REPLY_SECONDS} seconds') as stale
       from hearth.conversations c where c.id = $1`,
    [conversationId],
  );
  return row ? row.stale : null;
}

/**
 * The progress tick (lib/chat/reply-progress.ts), in one statement: every reply still streaming
 * among `ids` gets a heartbeat, and the parts given for it (null: unchanged since the last tick).
 * Returns the replies still streaming, with whether someone asked them to stop. A reply already
 * finished is left alone: its final save wins whichever comes first. A named maintenance job run
 * outside any user scope: the ids are the server's own replies, never a client's.
 */
export function saveReplyProgress(
  db: Queryable,
  ids: string[],
  parts: (string | null)[],
): Promise<{ id: string; stopRequested: boolean }[]> {
  return db.query<{ id: string; stopRequested: boolean }>(
    `update hearth.messages m
        set parts = coalesce(p.parts::jsonb, m.parts), progress_at = now()
       from unnest($1::uuid[], $2::text[]) as p(id, parts)
      where m.id = p.id and m.status = 'streaming'
      returning m.id, m.stop_requested_at is not null as "stopRequested"`,
    [ids, parts],
  );
}

/** Stop, from whichever instance it reached: flags the conversation's reply being written, in the user's scope. Returns whether there was one. */
export async function requestStop(tx: Queryable, conversationId: string): Promise<boolean> {
  const rows = await tx.query(
    `update hearth.messages set stop_requested_at = coalesce(stop_requested_at, now())
      where conversation_id = $1 and status = 'streaming' returning id`,
    [conversationId],
  );
  return rows.length > 0;
}
