import type { Language } from '@/lib/languages';
import type { Queryable } from '@/lib/db/client';
import { runStatement, type Statement } from '@/lib/db/statement';
import { COMPANION_JSON, type Companion } from '@/lib/companions/queries';
import { decodeCursor, pageOf, type Page } from '@/lib/db/cursor';
import { PERSONA_JSON, personaJoins } from '@/lib/profile/persona-queries';
import type { UserPersona } from '@/lib/profile/persona-schemas';

export type Conversation = {
  id: string;
  title: string;
  model: string;
  language: Language;
  companionId: string;
  createdAt: Date;
  updatedAt: Date;
  /** When the person pinned it to the top of their list; null when it is not pinned. */
  pinnedAt: Date | null;
  /** When the person archived it (hidden from the list, still searchable); null when it is not. */
  archivedAt: Date | null;
};

/**
 * Which of the person's conversations a list shows: all of them (the REST API), those not
 * archived (the picker's "continue" row), the sidebar's top (pinned, not archived), its body
 * (neither pinned nor archived) or the archived ones.
 */
export type ConversationView = 'all' | 'unarchived' | 'pinned' | 'recent' | 'archived';

const VIEW_FILTERS: Record<ConversationView, string | null> = {
  all: null,
  unarchived: 'c.archived_at is null',
  pinned: 'c.pinned_at is not null and c.archived_at is null',
  recent: 'c.pinned_at is null and c.archived_at is null',
  archived: 'c.archived_at is not null',
};

/** What the companion a conversation is with looks like in lists: enough to name and draw it. */
export type CompanionRef = Pick<Companion, 'id' | 'slug' | 'name' | 'avatarUrl' | 'accentColor'>;

/** A conversation with its companion, as the sidebar and the API list it. */
export type ConversationSummary = Conversation & { companion: CompanionRef };

// The key is the last row's (updated_at, id), the timestamp in PostgreSQL's own text form: exact
// to the microsecond, unlike a JavaScript Date.
const CURSOR_KEY =
  /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}(:\d{2})?\|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The user's conversations, newest first, keyset-paginated; a malformed cursor is a bad request. */
export async function listConversations(
  tx: Queryable,
  {
    limit = 30,
    cursor,
    companionId,
    view = 'all',
  }: { limit?: number; cursor?: string | null; companionId?: string; view?: ConversationView } = {},
): Promise<Page<ConversationSummary>> {
  const params: unknown[] = [limit + 1];
  const where: string[] = VIEW_FILTERS[view] ? [VIEW_FILTERS[view]] : [];
  if (cursor) {
    const [updatedAt, id] = decodeCursor(cursor, CURSOR_KEY).split('|');
    params.push(updatedAt, id);
    where.push(`(c.updated_at, c.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  if (companionId) {
    params.push(companionId);
    where.push(`c.companion_id = $${params.length}`);
  }
  const rows = await tx.query<ConversationSummary & { cursorAt: string }>(
    `select c.id, c.title, c.model, c.language, c.companion_id as "companionId", c.created_at as "createdAt",
            c.updated_at as "updatedAt", c.pinned_at as "pinnedAt", c.archived_at as "archivedAt",
            c.updated_at::text as "cursorAt", json_build_object('id', p.id, 'slug', p.slug, 'name', p.name, 'avatarUrl', p.avatar_url,
                              'accentColor', p.accent_color) as companion
       from hearth.conversations c join hearth.companions p on p.id = c.companion_id
      ${where.length ? `where ${where.join(' and ')}` : ''}
      order by c.updated_at desc, c.id desc
      limit $1`,
    params,
  );
  return pageOf(
    rows,
    limit,
    (r) => `${r.cursorAt}|${r.id}`,
    (r) => ({
      id: r.id,
      title: r.title,
      model: r.model,
      language: r.language,
      companionId: r.companionId,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      pinnedAt: r.pinnedAt,
      archivedAt: r.archivedAt,
      companion: r.companion,
    }),
  );
}

const COLUMNS = `id, title, model, language, companion_id as "companionId", created_at as "createdAt",
  updated_at as "updatedAt", pinned_at as "pinnedAt", archived_at as "archivedAt"`;

export async function getConversation(tx: Queryable, id: string): Promise<Conversation | null> {
  const [row] = await tx.query<Conversation>(`select ${COLUMNS} from hearth.conversations where id = $1`, [id]);
  return row ?? null;
}

/** The turns up to `throughSeq` folded into text, which a prompt carries instead of them. */
export type RollingSummary = { text: string | null; throughSeq: string };

/**
 * A conversation with its companion, its rolling summary and what the companion knows of the
 * person (their persona for it, or null) in one query; null when hidden or missing.
 */
export async function getConversationWithCompanion(
  tx: Queryable,
  id: string,
): Promise<{
  conversation: Conversation;
  companion: Companion;
  summary: RollingSummary;
  person: UserPersona | null;
} | null> {
  const [row] = await tx.query<
    Conversation & { companion: Companion; summary: RollingSummary; person: UserPersona | null }
  >(
    `select c.id, c.title, c.model, c.language, c.companion_id as "companionId", c.created_at as "createdAt",
            c.updated_at as "updatedAt", c.pinned_at as "pinnedAt", c.archived_at as "archivedAt",
            ${COMPANION_JSON} as companion,
            json_build_object('text', c.summary, 'throughSeq', c.summary_through_seq::text) as summary,
            ${PERSONA_JSON} as person
       from hearth.conversations c join hearth.companions p on p.id = c.companion_id
            ${personaJoins('c.user_id', 'c.companion_id')}
      where c.id = $1`,
    [id],
  );
  if (!row) return null;
  const { companion, summary, person, ...conversation } = row;
  return { conversation, companion, summary, person };
}

/**
 * Moves the rolling summary forward; false when another turn moved it first (the summary it
 * was built on is stale, so this one is dropped and the next turn folds again).
 */
export async function advanceSummary(
  tx: Queryable,
  id: string,
  input: { text: string; throughSeq: string; previousThroughSeq: string },
): Promise<boolean> {
  const rows = await tx.query(
    `update hearth.conversations set summary = $2, summary_through_seq = $3::bigint
      where id = $1 and summary_through_seq = $4::bigint returning id`,
    [id, input.text, input.throughSeq, input.previousThroughSeq],
  );
  return rows.length > 0;
}

/**
 * Creates a conversation whose first message is the companion's greeting. The web chat's draft
 * names both ids (lib/chat/draft-ids.ts) so the page shows them before they are stored.
 */
export async function createConversation(tx: Queryable, input: NewConversation): Promise<Conversation> {
  const [conversation, greeting] = createConversationStatements(input);
  const [created] = await runStatement<Conversation>(tx, conversation);
  if (!created) throw new Error('insert returned no row');
  await runStatement(tx, greeting);
  return created;
}

type NewConversation = {
  companionId: string;
  model: string;
  language: Language;
  greeting: string;
  title?: string;
  id?: string;
  greetingId?: string;
};

/** The conversation and its greeting, as two statements for one transaction. */
export function createConversationStatements(input: NewConversation): [Statement, Statement] {
  const id = input.id ?? crypto.randomUUID();
  return [
    {
      sql: `insert into hearth.conversations (id, companion_id, model, language, title)
            values ($5, $1, $2, $3, coalesce($4, 'New chat')) returning ${COLUMNS}`,
      params: [input.companionId, input.model, input.language, input.title ?? null, id],
    },
    {
      sql: `insert into hearth.messages (id, conversation_id, role, parts, status)
            values (coalesce($3::uuid, gen_random_uuid()), $1, 'assistant', $2, 'complete')`,
      params: [id, JSON.stringify([{ type: 'text', text: input.greeting }]), input.greetingId ?? null],
    },
  ];
}

/**
 * Pins or unpins, archives or unarchives; an unnamed flag stays as it is, and a flag already set
 * keeps its time. Does not move the conversation in the list (updated_at is untouched). False when
 * the conversation is not the user's (RLS hides it) or does not exist.
 */
export async function setConversationFlags(
  tx: Queryable,
  id: string,
  flags: { pinned?: boolean; archived?: boolean },
): Promise<boolean> {
  const rows = await tx.query(
    `update hearth.conversations
        set pinned_at = case when $2::boolean is null then pinned_at when $2 then coalesce(pinned_at, now()) end,
            archived_at = case when $3::boolean is null then archived_at when $3 then coalesce(archived_at, now()) end
      where id = $1 returning id`,
    [id, flags.pinned ?? null, flags.archived ?? null],
  );
  return rows.length > 0;
}

/** Returns false when the conversation is not the user's (RLS hides it) or does not exist. */
export async function renameConversation(tx: Queryable, id: string, title: string): Promise<boolean> {
  const rows = await tx.query('update hearth.conversations set title = $2 where id = $1 returning id', [id, title]);
  return rows.length > 0;
}

export async function setConversationModel(tx: Queryable, id: string, model: string): Promise<boolean> {
  const rows = await tx.query('update hearth.conversations set model = $2 where id = $1 returning id', [id, model]);
  return rows.length > 0;
}

export async function deleteConversation(tx: Queryable, id: string): Promise<boolean> {
  const rows = await tx.query('delete from hearth.conversations where id = $1 returning id', [id]);
  return rows.length > 0;
}
