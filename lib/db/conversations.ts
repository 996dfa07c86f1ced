import type { Language } from '@/lib/languages';
import type { Queryable } from './client';
import { COMPANION_JSON, type Companion } from './companions';

export type ConversationSummary = {
  id: string;
  title: string;
  updatedAt: Date;
  companion: { slug: string; name: string; avatarUrl: string; accentColor: string };
};

export type Conversation = {
  id: string;
  title: string;
  model: string;
  language: Language;
  companionId: string;
  createdAt: Date;
  updatedAt: Date;
};

export type Page<T> = { items: T[]; nextCursor: string | null };

// The cursor is the last row's (updated_at, id) in PostgreSQL's own text form: exact to the
// microsecond, unlike a JavaScript Date.
function encodeCursor(updatedAt: string, id: string): string {
  return Buffer.from(`${updatedAt}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] | null {
  const [updatedAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const valid =
    updatedAt && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}(:\d{2})?$/.test(updatedAt) && id && /^[0-9a-f-]{36}$/i.test(id);
  return valid ? [updatedAt, id] : null;
}

/** The user's conversations, newest first, keyset-paginated. */
export async function listConversations(
  tx: Queryable,
  { limit = 30, cursor, companionId }: { limit?: number; cursor?: string | null; companionId?: string } = {},
): Promise<Page<ConversationSummary>> {
  const after = cursor ? decodeCursor(cursor) : null;
  const params: unknown[] = [limit + 1];
  const where: string[] = [];
  if (after) {
    params.push(after[0], after[1]);
    where.push(`(c.updated_at, c.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  if (companionId) {
    params.push(companionId);
    where.push(`c.companion_id = $${params.length}`);
  }
  const rows = await tx.query<ConversationSummary & { cursorAt: string; slug: string; name: string; avatarUrl: string; accentColor: string }>(
    `select c.id, c.title, c.updated_at as "updatedAt", c.updated_at::text as "cursorAt",
            p.slug, p.name, p.avatar_url as "avatarUrl", p.accent_color as "accentColor"
       from public.conversations c join public.companions p on p.id = c.companion_id
      ${where.length ? `where ${where.join(' and ')}` : ''}
      order by c.updated_at desc, c.id desc
      limit $1`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      title: r.title,
      updatedAt: r.updatedAt,
      companion: { slug: r.slug, name: r.name, avatarUrl: r.avatarUrl, accentColor: r.accentColor },
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.cursorAt, last.id) : null,
  };
}

const COLUMNS = `id, title, model, language, companion_id as "companionId", created_at as "createdAt", updated_at as "updatedAt"`;

export async function getConversation(tx: Queryable, id: string): Promise<Conversation | null> {
  const [row] = await tx.query<Conversation>(`select ${COLUMNS} from public.conversations where id = $1`, [id]);
  return row ?? null;
}

/** A conversation with its companion in one query; null when either is hidden or missing. */
export async function getConversationWithCompanion(
  tx: Queryable,
  id: string,
): Promise<{ conversation: Conversation; companion: Companion } | null> {
  const [row] = await tx.query<Conversation & { companion: Companion }>(
    `select c.id, c.title, c.model, c.language, c.companion_id as "companionId", c.created_at as "createdAt",
            c.updated_at as "updatedAt", ${COMPANION_JSON} as companion
       from public.conversations c join public.companions p on p.id = c.companion_id
      where c.id = $1`,
    [id],
  );
  if (!row) return null;
  const { companion, ...conversation } = row;
  return { conversation, companion };
}

/** Creates a conversation whose first message is the companion's greeting. */
export async function createConversation(
  tx: Queryable,
  input: { companionId: string; model: string; language: Language; greeting: string; title?: string },
): Promise<Conversation> {
  const [conversation] = await tx.query<Conversation>(
    `insert into public.conversations (companion_id, model, language, title)
     values ($1, $2, $3, coalesce($4, 'New chat')) returning ${COLUMNS}`,
    [input.companionId, input.model, input.language, input.title ?? null],
  );
  if (!conversation) throw new Error('insert returned no row');
  await tx.query(
    `insert into public.messages (conversation_id, role, parts, status) values ($1, 'assistant', $2, 'complete')`,
    [conversation.id, JSON.stringify([{ type: 'text', text: input.greeting }])],
  );
  return conversation;
}

/** Returns false when the conversation is not the user's (RLS hides it) or does not exist. */
export async function renameConversation(tx: Queryable, id: string, title: string): Promise<boolean> {
  const rows = await tx.query('update public.conversations set title = $2 where id = $1 returning id', [id, title]);
  return rows.length > 0;
}

export async function setConversationModel(tx: Queryable, id: string, model: string): Promise<boolean> {
  const rows = await tx.query('update public.conversations set model = $2 where id = $1 returning id', [id, model]);
  return rows.length > 0;
}

export async function deleteConversation(tx: Queryable, id: string): Promise<boolean> {
  const rows = await tx.query('delete from public.conversations where id = $1 returning id', [id]);
  return rows.length > 0;
}
