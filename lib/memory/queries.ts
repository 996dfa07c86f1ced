import type { Memory, MemoryDraft } from '@/lib/memory/types';
import type { Queryable } from '@/lib/db/client';

/** How much of the source message the panel quotes. */
const SOURCE_CHARS = 200;

const COLUMNS = `m.id, m.companion_id as "companionId", m.kind, m.subject, m.content, m.importance,
  to_char(m.event_date, 'YYYY-MM-DD') as "eventDate", m.source_message_id as "sourceMessageId",
  m.source_conversation_id as "sourceConversationId", m.created_at as "createdAt", m.updated_at as "updatedAt",
  m.last_used_at as "lastUsedAt"`;

/**
 * A memory as the "what it remembers" panel lists it: with the title of the chat it came from and
 * the words of the very message it was learned from (the start of them), so each one says where
 * it came from, not only which conversation.
 */
export type ListedMemory = Memory & { conversationTitle: string | null; sourceText: string | null };

const LISTED = `${COLUMNS}, c.title as "conversationTitle",
  (select nullif(left(string_agg(p.part->>'text', ' '), ${SOURCE_CHARS}), '')
     from hearth.messages msg, jsonb_array_elements(msg.parts) as p(part)
    where msg.id = m.source_message_id and p.part->>'type' = 'text') as "sourceText"`;

/** Whether a companion may remember (on unless switched off) and whether general memories are shared (opt-in). */
export type MemorySettings = { enabled: boolean; shared: boolean };

// The settings as two scalar subqueries, so a query can gate on them without another round trip.
const ENABLED = `coalesce((select s.enabled from hearth.memory_settings s where s.companion_id = $1), true)`;
const SHARED = `coalesce((select s.enabled from hearth.memory_settings s where s.companion_id is null), false)`;
// RLS keeps every query below to the user's own rows; the scope condition picks the companion's
// memories and, when shared, the general ones.
const IN_SCOPE = `(m.companion_id = $1 or (m.companion_id is null and ${SHARED}))`;

export async function getMemorySettings(tx: Queryable, companionId: string): Promise<MemorySettings> {
  const [row] = await tx.query<MemorySettings>(`select ${ENABLED} as enabled, ${SHARED} as shared`, [companionId]);
  return row!;
}

/** Switches memory for one companion, or (companionId null) the sharing of general memories. */
export async function setMemorySetting(tx: Queryable, companionId: string | null, enabled: boolean): Promise<void> {
  await tx.query(
    `insert into hearth.memory_settings (companion_id, enabled) values ($1, $2)
     on conflict (user_id, coalesce(companion_id, '00000000-0000-0000-0000-000000000000'::uuid))
     do update set enabled = excluded.enabled, updated_at = now()`,
    [companionId, enabled],
  );
}

/**
 * Everything a companion remembers about the user, newest first, whether or not memory is on,
 * and the general memories even while sharing is off, so nothing remembered is ever out of sight.
 */
export function listMemories(tx: Queryable, companionId: string): Promise<ListedMemory[]> {
  return tx.query<ListedMemory>(
    `select ${LISTED}
       from hearth.memories m left join hearth.conversations c on c.id = m.source_conversation_id
      where m.companion_id = $1 or m.companion_id is null
      order by m.updated_at desc, m.id`,
    [companionId],
  );
}

/** One of the user's memories, as the panel lists it; null when it is not theirs (RLS) or gone. */
export async function findMemory(tx: Queryable, id: string): Promise<ListedMemory | null> {
  const [row] = await tx.query<ListedMemory>(
    `select ${LISTED}
       from hearth.memories m left join hearth.conversations c on c.id = m.source_conversation_id
      where m.id = $1`,
    [id],
  );
  return row ?? null;
}

/** A memory with how well it matched the query words (0 when it came in on salience alone) and its embedding. */
export type MemoryCandidate = Memory & { relevance: number; embedding: number[] | null };

/**
 * The memories worth considering for a reply (the SQL function memory_candidates: for each query
 * word its most salient full-text matches, plus the most important and recent memories; none
 * while memory is off for the companion), each with how well it matched.
 */
export function memoryCandidates(
  tx: Queryable,
  input: { companionId: string; terms: string[] },
): Promise<MemoryCandidate[]> {
  return tx.query<MemoryCandidate>(memoryCandidatesSql('$1'), [input.companionId, input.terms]);
}

/** The memoryCandidates statement over an SQL expression for its companion; its terms are $2. */
export function memoryCandidatesSql(companion: string): string {
  return `select ${COLUMNS}, m.relevance, m.embedding from hearth.memory_candidates(${companion}, $2::text[]) m`;
}

/** The memories on the given subjects in the companion's scope: what a new statement may replace. */
export function memoriesOnSubjects(tx: Queryable, companionId: string, subjects: string[]): Promise<Memory[]> {
  if (subjects.length === 0) return Promise.resolve([]);
  return tx.query<Memory>(
    `select ${COLUMNS} from hearth.memories m where m.subject = any($2::text[]) and ${IN_SCOPE}`,
    [companionId, subjects],
  );
}

export type MemorySource = { companionId: string | null; messageId: string | null; conversationId: string | null };

export async function insertMemory(tx: Queryable, draft: MemoryDraft, source: MemorySource): Promise<string | null> {
  const [row] = await tx.query<{ id: string }>(
    `insert into hearth.memories (companion_id, kind, subject, content, importance, event_date, source_message_id, source_conversation_id)
     values ($1, $2, $3, $4, $5, $6::date, $7, $8)
     on conflict do nothing returning id`,
    [
      source.companionId,
      draft.kind,
      draft.subject,
      draft.content,
      draft.importance,
      draft.eventDate,
      source.messageId,
      source.conversationId,
    ],
  );
  // null: a concurrent turn stored a memory on the same subject a moment earlier.
  return row?.id ?? null;
}

/** Replaces what a memory says (a newer statement, or the person's own edit). */
export async function updateMemory(
  tx: Queryable,
  id: string,
  change: Partial<Pick<MemoryDraft, 'kind' | 'content' | 'importance' | 'eventDate'>> & { source?: MemorySource },
): Promise<boolean> {
  const rows = await tx.query(
    `update hearth.memories set
        kind = coalesce($2, kind), content = coalesce($3, content), importance = coalesce($4, importance),
        embedding = case when $3 is null or $3 = content then embedding end,
        event_date = case when $5::boolean then $6::date else event_date end,
        source_message_id = coalesce($7, source_message_id),
        source_conversation_id = coalesce($8, source_conversation_id),
        updated_at = now()
      where id = $1 returning id`,
    [
      id,
      change.kind ?? null,
      change.content ?? null,
      change.importance ?? null,
      change.eventDate !== undefined,
      change.eventDate ?? null,
      change.source?.messageId ?? null,
      change.source?.conversationId ?? null,
    ],
  );
  return rows.length > 0;
}

export async function deleteMemory(tx: Queryable, id: string): Promise<boolean> {
  return (await tx.query('delete from hearth.memories where id = $1 returning id', [id])).length > 0;
}

/** "Forget everything": all a companion remembers about the user, shared general memories included. */
export async function forgetMemories(tx: Queryable, companionId: string): Promise<number> {
  const rows = await tx.query(
    `delete from hearth.memories m where m.companion_id = $1 or m.companion_id is null returning id`,
    [companionId],
  );
  return rows.length;
}

/** Memories in the companion's scope that have no embedding yet (new, edited, or from before one was configured). */
export function memoriesToEmbed(
  tx: Queryable,
  companionId: string,
  limit: number,
): Promise<{ id: string; content: string }[]> {
  return tx.query(
    `select m.id, m.content from hearth.memories m where m.embedding is null and ${IN_SCOPE} order by m.updated_at desc limit $2`,
    [companionId, limit],
  );
}

export async function setMemoryEmbeddings(tx: Queryable, rows: { id: string; embedding: number[] }[]): Promise<void> {
  for (const row of rows)
    await tx.query('update hearth.memories set embedding = $2::real[] where id = $1', [row.id, row.embedding]);
}

export async function markMemoriesUsed(tx: Queryable, ids: string[]): Promise<void> {
  if (ids.length > 0)
    await tx.query('update hearth.memories set last_used_at = now() where id = any($1::uuid[])', [ids]);
}
