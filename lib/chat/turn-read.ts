import type { Companion } from '@/lib/companions/queries';
import type { Conversation, RollingSummary } from '@/lib/conversations/queries';
import type { HistoryEntry } from '@/lib/conversations/messages';
import type { Database, Queryable } from '@/lib/db/client';
import { sendAsUser, type UserScope } from '@/lib/db/scope';
import { memoryCandidatesSql, type MemoryCandidate } from '@/lib/memory/queries';
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
  const [row] = await tx.query<TurnRow>(TURN_READ_SQL, [conversationId, historyLimit]);
  return row ? storedTurn(row) : null;
}

/**
 * readStoredTurn and, for `recallTerms`, the memory candidates of the conversation's companion,
 * in one round trip (sendAsUser): what a message sent to a stored conversation reads before the
 * model is called.
 */
export async function readTurnAndRecall(
  user: UserScope,
  conversationId: string,
  historyLimit: number,
  recallTerms: string[] | null,
  db?: Database,
): Promise<TurnAndRecall> {
  const companion = '(select c.companion_id from hearth.conversations c where c.id = $1::uuid)';
  const [[row] = [], candidates = []] = await sendAsUser(
    user,
    [
      { sql: TURN_READ_SQL, params: [conversationId, historyLimit] },
      ...(recallTerms ? [{ sql: memoryCandidatesSql(companion), params: [conversationId, recallTerms] }] : []),
    ],
    db,
  );
  return { stored: row ? storedTurn(row as TurnRow) : null, candidates: candidates as MemoryCandidate[] };
}

export type TurnAndRecall = { stored: StoredTurn | null; candidates: MemoryCandidate[] };

type TurnRow = Omit<StoredTurn, 'conversation'> & Conversation;

const TURN_READ_SQL = `select id, title, model, language, companion_id as "companionId", created_at as "createdAt",
                               updated_at as "updatedAt", pinned_at as "pinnedAt", archived_at as "archivedAt",
                               companion, summary, person, history
                          from hearth.turn_read($1, $2)`;

function storedTurn({ companion, summary, person, history, ...conversation }: TurnRow): StoredTurn {
  return { conversation, companion, summary, person, history };
}
