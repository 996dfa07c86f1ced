import type { Queryable } from '@/lib/db/client';
import type { ListedMemory } from '@/lib/memory/queries';
import type { Upload } from '@/lib/uploads/queries';

/** The account as its owner's export describes it. */
export type AccountInfo = {
  id: string;
  email: string | null;
  name: string | null;
  role: string;
  isGuest: boolean;
  emailVerifiedAt: Date | null;
  createdAt: Date;
};

export async function readAccount(tx: Queryable): Promise<AccountInfo | null> {
  const [row] = await tx.query<AccountInfo>(
    `select id, email, name, role, is_guest as "isGuest", email_verified_at as "emailVerifiedAt", created_at as "createdAt"
       from hearth.users where id = hearth.requesting_user_id()`,
  );
  return row ?? null;
}

/** Every memory of the user's, whichever companion holds it, with that companion's name (null: shared). */
export function listAllMemories(tx: Queryable): Promise<(ListedMemory & { companionName: string | null })[]> {
  return tx.query(
    `select m.id, m.companion_id as "companionId", p.name as "companionName", m.kind, m.subject, m.content, m.importance,
            to_char(m.event_date, 'YYYY-MM-DD') as "eventDate", m.source_message_id as "sourceMessageId",
            m.source_conversation_id as "sourceConversationId", m.created_at as "createdAt", m.updated_at as "updatedAt",
            m.last_used_at as "lastUsedAt", c.title as "conversationTitle"
       from hearth.memories m
       left join hearth.companions p on p.id = m.companion_id
       left join hearth.conversations c on c.id = m.source_conversation_id
      order by p.name nulls first, m.updated_at desc, m.id`,
  );
}

export type ExportedUpload = Pick<
  Upload,
  | 'id'
  | 'conversationId'
  | 'messageId'
  | 'kind'
  | 'source'
  | 'mediaType'
  | 'sizeBytes'
  | 'path'
  | 'filename'
  | 'createdAt'
>;

/** A page of the user's uploads in id order, after `afterId`: the export reads their files a few at a time. */
export function listUploadsAfter(tx: Queryable, afterId: string | null, limit: number): Promise<ExportedUpload[]> {
  return tx.query<ExportedUpload>(
    `select id, conversation_id as "conversationId", message_id as "messageId", kind, source, media_type as "mediaType",
            size_bytes as "sizeBytes", path, filename, created_at as "createdAt"
       from hearth.uploads where id > coalesce($1::uuid, '00000000-0000-0000-0000-000000000000'::uuid)
      order by id limit $2`,
    [afterId, limit],
  );
}
