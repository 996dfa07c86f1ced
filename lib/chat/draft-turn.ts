import type { Queryable } from '@/lib/db/client';
import type { Statement } from '@/lib/db/statement';
import { findCompanion, type Companion } from '@/lib/companions/queries';
import { draftConversationId, draftGreetingId, startingSettings } from '@/lib/conversations/draft';
import { greetingFor } from '@/lib/conversations/greeting';
import { createConversationStatements, type Conversation, type RollingSummary } from '@/lib/conversations/queries';
import type { HistoryEntry } from '@/lib/conversations/messages';
import { HearthError } from '@/lib/errors';
import { getPersonaFor } from '@/lib/profile/persona-queries';
import type { UserPersona } from '@/lib/profile/persona-schemas';
import type { TurnRequest } from './turn-plan';

/** A conversation a draft's first message starts: as the turn reads it, and its creation for the turn's write. */
export type StartingConversation = {
  conversation: Conversation;
  companion: Companion;
  summary: RollingSummary;
  /** What the companion knows of the person (lib/profile/persona.ts). */
  person: UserPersona | null;
  history: HistoryEntry[];
  /** Writes the conversation and its greeting: sent with the first message's writes (turnWrites). */
  create: Statement[];
};

/**
 * The conversation the request's draft starts (lib/conversations/draft.ts); null when the request
 * starts none. Read before the model is called, written only with the turn: a refused or failed
 * first message leaves nothing behind.
 */
export async function startingConversation(
  tx: Queryable,
  userId: string,
  request: TurnRequest,
): Promise<StartingConversation | null> {
  const start = request.action === 'send' || request.action === 'regenerate' ? request.start : undefined;
  if (!start) return null;
  if (draftConversationId(userId, start.draft) !== request.conversationId)
    throw new HearthError('bad_request', 'This draft does not name this conversation.', { param: 'start' });
  const companion = await findCompanion(tx, start.companion);
  if (!companion) throw new HearthError('not_found', 'This companion does not exist.');
  const { language, model } = startingSettings(companion, start);
  const now = new Date();
  const conversation: Conversation = {
    id: request.conversationId,
    title: 'New chat',
    model,
    language,
    companionId: companion.id,
    createdAt: now,
    updatedAt: now,
    pinnedAt: null,
    archivedAt: null,
  };
  const greetingId = draftGreetingId(conversation.id);
  const greeting = greetingFor(companion, language);
  return {
    conversation,
    companion,
    summary: { text: null, throughSeq: '0' },
    person: await getPersonaFor(tx, companion.id),
    history: [{ id: greetingId, role: 'assistant', text: greeting }],
    create: createConversationStatements({
      id: conversation.id,
      greetingId,
      companionId: companion.id,
      model,
      language,
      greeting,
    }),
  };
}
