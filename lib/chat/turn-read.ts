import type { Companion } from '@/lib/companions/queries';
import type { Conversation, RollingSummary } from '@/lib/conversations/queries';
import type { HistoryEntry } from '@/lib/conversations/messages';
import type { Queryable } from '@/lib/db/client';
import type { UserPersona } from '@/lib/profile/persona-schemas';

/** A stored conversation as a chat turn reads it. */
export type StoredTurn = {
  conversation: Conversation;
  companion: Companion;
  summary: RollingSummary;
  /** What the companion knows of the person (lib/profile/persona.ts). */
  person: UserPersona | null;
  /** The newest `historyLimit` messages of the active branch after the summary, oldest first. */
  history: HistoryEntry[];
};

/**
 * The conversation, its companion, summary and the person's persona, and its history, in one
 * statement whose plan the database keeps (hearth.turn_read); null when RLS shows no such
 * conversation. It reads what getConversationWithCompanion and listHistory read (a test holds
 * them to it). `historyLimit` 0 reads no history, for an edit, which reads its own.
 */
export async function readStoredTurn(
  tx: Queryable,
  conversationId: string,
  historyLimit: number,
): Promise<StoredTurn | null> {
  const [row] = await tx.query<Omit<StoredTurn, 'conversation'> & Conversation>(
    `select id, title, model, language, companion_id as "companionId", created_at as "createdAt",
            updated_at as "updatedAt", pinned_at as "pinnedAt", archived_at as "archivedAt",
            companion, summary, person, history
       from hearth.turn_read($1, $2)`,
    [conversationId, historyLimit],
  );
  if (!row) return null;
  const { companion, summary, person, history, ...conversation } = row;
  return { conversation, companion, summary, person, history };
}
