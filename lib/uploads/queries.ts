import type { MediaKind, MediaType } from '@/lib/uploads/limits';
import { storageQuotaError } from '@/lib/errors';
import type { Queryable } from '@/lib/db/client';
import type { Statement } from '@/lib/db/statement';

export type Upload = {
  id: string;
  userId: string;
  conversationId: string | null;
  messageId: string | null;
  kind: MediaKind;
  source: 'upload' | 'generated';
  mediaType: MediaType;
  sizeBytes: number;
  path: string;
  width: number | null;
  height: number | null;
  filename: string | null;
  transcript: string | null;
  transcriptLanguage: string | null;
  transcriptError: string | null;
  createdAt: Date;
};

/** The columns, read from the table as `prefix` names it; `messageId`: where the message id comes from. */
const columnsOf = (prefix = '', messageId = `${prefix}message_id`) =>
  `${prefix}id, ${prefix}user_id as "userId", ${prefix}conversation_id as "conversationId", ${messageId} as "messageId",
  ${prefix}kind, ${prefix}source, ${prefix}media_type as "mediaType", ${prefix}size_bytes as "sizeBytes", ${prefix}path,
  ${prefix}width, ${prefix}height, ${prefix}filename, ${prefix}transcript, ${prefix}transcript_language as "transcriptLanguage",
  ${prefix}transcript_error as "transcriptError", ${prefix}created_at as "createdAt"`;
const COLUMNS = columnsOf();

export type NewUpload = Omit<Upload, 'userId' | 'conversationId' | 'messageId' | 'createdAt'> & {
  conversationId?: string;
  messageId?: string;
};

/** Over the storage quota, the database's trigger refuses the row: a 413 wherever it was inserted from. */
async function withinQuota<T>(insert: Promise<T>): Promise<T> {
  try {
    return await insert;
  } catch (error) {
    const { code, detail } = (error ?? {}) as { code?: string; detail?: string };
    throw code === 'HQ413' ? storageQuotaError(detail) : error;
  }
}

export async function insertUpload(tx: Queryable, upload: NewUpload): Promise<Upload> {
  const [row] = await withinQuota(
    tx.query<Upload>(
      `insert into hearth.uploads (id, kind, source, media_type, size_bytes, path, width, height, filename, transcript,
       transcript_language, transcript_error, conversation_id, message_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning ${COLUMNS}`,
      [
        upload.id,
        upload.kind,
        upload.source,
        upload.mediaType,
        upload.sizeBytes,
        upload.path,
        upload.width,
        upload.height,
        upload.filename,
        upload.transcript,
        upload.transcriptLanguage,
        upload.transcriptError,
        upload.conversationId ?? null,
        upload.messageId ?? null,
      ],
    ),
  );
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** One of the user's uploads (RLS hides everyone else's). */
export async function getUpload(tx: Queryable, id: string): Promise<Upload | null> {
  const [row] = await tx.query<Upload>(`select ${COLUMNS} from hearth.uploads where id = $1`, [id]);
  return row ?? null;
}

export function getUploads(tx: Queryable, ids: string[]): Promise<Upload[]> {
  return tx.query<Upload>(`select ${COLUMNS} from hearth.uploads where id = any($1::uuid[])`, [ids]);
}

/**
 * The uploads these messages carry, oldest first, each under the message that carries it: read
 * from the messages' file parts, so an edited copy of a message (lib/conversations/branches.ts)
 * carries the files of the message it was made from.
 */
export function uploadsOfMessages(tx: Queryable, messageIds: string[]): Promise<Upload[]> {
  if (!messageIds.length) return Promise.resolve([]);
  return tx.query<Upload>(
    `select ${columnsOf('u.', 'm.id')}
       from hearth.messages m
      cross join lateral jsonb_array_elements(m.parts) as p(part)
       join hearth.uploads u on u.id = substring(p.part ->> 'url' from '^/api/v1/uploads/(${UUID})/content$')::uuid
      where m.id = any($1::uuid[]) and p.part ->> 'type' = 'file'
      order by u.created_at, u.id`,
    [messageIds],
  );
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * Attaches unattached uploads to a message. When another message took one of them first, it
 * refuses (HQ409, a conflict) and the transaction writes nothing: two messages sent at once with
 * the same file, and the second finds it taken.
 */
export function attachUploadsStatement(
  ids: string[],
  target: { conversationId: string; messageId: string },
): Statement {
  return {
    sql: `with attached as (
            update hearth.uploads set conversation_id = $2, message_id = $3
             where id = any($1::uuid[]) and conversation_id is null and message_id is null returning id
          )
          select hearth.refuse('HQ409', 'A file of this message is already part of another message.')
            from (select count(*) as n from attached) a where a.n < cardinality($1::uuid[])`,
    params: [ids, target.conversationId, target.messageId],
  };
}

/** The object paths of a conversation's uploads: what to delete from the store beside it. */
export async function conversationUploadPaths(tx: Queryable, conversationId: string): Promise<string[]> {
  const rows = await tx.query<{ path: string }>('select path from hearth.uploads where conversation_id = $1', [
    conversationId,
  ]);
  return rows.map((r) => r.path);
}

/**
 * Every object path of these users, pending uploads' and profile pictures included: what to delete
 * from the store with their accounts. In a user's RLS scope it sees only that user's own.
 */
export async function userFilePaths(tx: Queryable, userIds: string[]): Promise<string[]> {
  const rows = await tx.query<{ path: string }>(
    `select path from hearth.uploads where user_id = any($1::uuid[])
     union all select path from hearth.pending_uploads where user_id = any($1::uuid[])
     union all select avatar_path from hearth.users where id = any($1::uuid[]) and avatar_path is not null`,
    [userIds],
  );
  return rows.map((r) => r.path);
}

export async function deleteUploadRows(tx: Queryable, ids: string[]): Promise<void> {
  if (ids.length) await tx.query('delete from hearth.uploads where id = any($1::uuid[])', [ids]);
}

/** An upload whose target was handed out and whose bytes are not confirmed yet. */
export type PendingUpload = {
  id: string;
  userId: string;
  kind: MediaKind;
  mediaType: MediaType;
  sizeBytes: number;
  filename: string | null;
  path: string;
  createdAt: Date;
};

const PENDING_COLUMNS = `id, user_id as "userId", kind, media_type as "mediaType", size_bytes as "sizeBytes", filename, path, created_at as "createdAt"`;

export async function insertPendingUpload(
  tx: Queryable,
  pending: Omit<PendingUpload, 'userId' | 'createdAt'>,
): Promise<PendingUpload> {
  const [row] = await withinQuota(
    tx.query<PendingUpload>(
      `insert into hearth.pending_uploads (id, kind, media_type, size_bytes, filename, path) values ($1, $2, $3, $4, $5, $6) returning ${PENDING_COLUMNS}`,
      [pending.id, pending.kind, pending.mediaType, pending.sizeBytes, pending.filename, pending.path],
    ),
  );
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** One of the user's pending uploads (RLS hides everyone else's). */
export async function getPendingUpload(tx: Queryable, id: string): Promise<PendingUpload | null> {
  const [row] = await tx.query<PendingUpload>(`select ${PENDING_COLUMNS} from hearth.pending_uploads where id = $1`, [
    id,
  ]);
  return row ?? null;
}

/** Takes a pending upload away; true when this call took it (a concurrent confirmation gets false). */
export async function deletePendingUpload(tx: Queryable, id: string): Promise<boolean> {
  return (await tx.query('delete from hearth.pending_uploads where id = $1 returning id', [id])).length > 0;
}
