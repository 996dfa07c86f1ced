import { getMessage, type Rating, type StoredMessage } from '@/lib/conversations/messages';
import type { Database, Queryable } from '@/lib/db/client';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';

/**
 * Sets (1 or -1) or clears (null) the person's rating of a companion's reply, in their RLS scope:
 * another person's message is not found. Setting is idempotent, so a retried request cannot flip a
 * rating back; the chat's toggle (clicking the pressed thumb clears it) sends null. With
 * `conversationId`, the message must belong to that conversation (the REST route's path).
 */
export async function rateReply(
  user: UserScope,
  input: { messageId: string; rating: Rating | null; conversationId?: string },
  db?: Database,
): Promise<StoredMessage> {
  return withUser(
    user,
    async (tx) => {
      // The greeting (written with no model) and a reply still being written are not rated.
      const [updated] = await tx.query<{ id: string }>(
        `update hearth.messages set rating = $2
          where id = $1 and conversation_id = coalesce($3::uuid, conversation_id)
            and role = 'assistant' and model is not null and status <> 'streaming'
          returning id`,
        [input.messageId, input.rating, input.conversationId ?? null],
      );
      const message = updated && (await getMessage(tx, updated.id));
      if (message) return message;
      throw await refusal(tx, input);
    },
    db,
  );
}

/** Why a message could not be rated: not the person's (or not in that conversation), or not a finished reply. */
async function refusal(tx: Queryable, input: { messageId: string; conversationId?: string }): Promise<HearthError> {
  const [message] = await tx.query<{ role: string; model: string | null; status: string; conversationId: string }>(
    'select role, model, status, conversation_id as "conversationId" from hearth.messages where id = $1',
    [input.messageId],
  );
  if (!message || (input.conversationId && message.conversationId !== input.conversationId)) {
    return new HearthError('not_found', 'This message does not exist.');
  }
  if (message.role !== 'assistant') return new HearthError('bad_request', 'Only a companion’s reply can be rated.');
  if (message.status === 'streaming') {
    return new HearthError('conflict', 'This reply is still being written: rate it once it is finished.');
  }
  return new HearthError('bad_request', 'A companion’s greeting cannot be rated, only its replies.');
}
