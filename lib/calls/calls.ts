import type { Database, Queryable } from '@/lib/db/client';
import { findCompanion } from '@/lib/companions/queries';
import { createConversation, getConversation, type Conversation } from '@/lib/conversations/queries';
import { preferredModel } from '@/lib/ai/routing';
import {
  endCall,
  getCall,
  insertCall,
  listCallTurns,
  setPlayback,
  type Call,
  type CallTurn,
} from '@/lib/calls/queries';
import type { PlaybackReport } from './utterance';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import type { Language } from '@/lib/languages';

/** A call lasts at most this long from its creation; then it refuses turns. */
export const CALL_TTL_SECONDS = 60 * 60;

export type CallWithTurns = Call & { turns: CallTurn[] };

/**
 * Starts a call with a companion (slug or id) in one of the six languages, the companion's own by
 * default: over a new conversation, or over one of the caller's existing conversations with it.
 */
export async function createCall(
  user: UserScope,
  input: { companion: string; language?: Language; conversation?: string },
  db?: Database,
): Promise<Call> {
  return withUser(
    user,
    async (tx) => {
      const companion = await findCompanion(tx, input.companion);
      if (!companion) throw new HearthError('not_found', 'This companion does not exist.', { param: 'companion' });
      const language = input.language ?? (input.conversation ? undefined : companion.languages[0]!);
      const conversation = input.conversation
        ? await getConversation(tx, input.conversation)
        : await createConversation(tx, {
            companionId: companion.id,
            model: preferredModel(companion),
            language: language!,
            greeting: companion.greeting,
            title: `Call with ${companion.name}`,
          });
      if (!conversation)
        throw new HearthError('not_found', 'This conversation does not exist.', { param: 'conversation' });
      if (conversation.companionId !== companion.id) {
        throw new HearthError('bad_request', `This conversation is with another companion, not ${companion.name}.`, {
          param: 'conversation',
        });
      }
      return startCall(tx, companion.id, conversation, language ?? conversation.language);
    },
    db,
  );
}

/** The call row, and the conversation switched to the call's language (the companion answers in it). */
async function startCall(
  tx: Queryable,
  companionId: string,
  conversation: Conversation,
  language: Language,
): Promise<Call> {
  if (language !== conversation.language)
    await tx.query('update hearth.conversations set language = $2 where id = $1', [conversation.id, language]);
  return insertCall(tx, { companionId, conversationId: conversation.id, language, ttlSeconds: CALL_TTL_SECONDS });
}

/** One of the caller's calls with its turns' timings; someone else's is not found. */
export async function findCall(user: UserScope, id: string, db?: Database): Promise<CallWithTurns> {
  return withUser(
    user,
    async (tx) => {
      const call = await settled(tx, await getCall(tx, id));
      return { ...call, turns: await listCallTurns(tx, id) };
    },
    db,
  );
}

/**
 * Hangs up; ending an ended call again changes nothing and answers it as it is. `playback` is the
 * client's report of when the last reply started playing.
 */
export async function hangUp(
  user: UserScope,
  id: string,
  input: { playback?: PlaybackReport } = {},
  db?: Database,
): Promise<CallWithTurns> {
  await withUser(
    user,
    async (tx) => {
      const call = await settled(tx, await getCall(tx, id, { forUpdate: true }));
      if (input.playback) await setPlayback(tx, id, input.playback.turnId, input.playback.playbackMs);
      if (call.status !== 'ended') await endCall(tx, id, 'hangup');
    },
    db,
  );
  return findCall(user, id, db);
}

/**
 * The call, refusing a turn unless it can take one: a call that is not the caller's is not found,
 * an ended one a conflict, one past its expiry gone (reading the call ends it as expired).
 */
export async function callForTurn(tx: Queryable, id: string): Promise<Call> {
  const call = await getCall(tx, id);
  if (!call) throw new HearthError('not_found', 'This call does not exist.');
  if (call.status === 'ended')
    throw new HearthError('conflict', 'This call has ended; start a new call to keep talking.');
  if (call.expiresAt.getTime() <= Date.now())
    throw new HearthError('gone', 'This call expired an hour after it started; start a new call to keep talking.');
  return call;
}

/** Not found for a missing call; one past its expiry is ended as expired on the way. */
async function settled(tx: Queryable, call: Call | null): Promise<Call> {
  if (!call) throw new HearthError('not_found', 'This call does not exist.');
  if (call.status !== 'ended' && call.expiresAt.getTime() <= Date.now()) {
    await endCall(tx, call.id, 'expired');
    return (await getCall(tx, call.id))!;
  }
  return call;
}

/** What the call cost: the replies' models, speech to text and text to speech. */
export function callCostUsd(call: Call): number {
  return Math.round((call.modelCostUsd + call.transcriptionCostUsd + call.speechCostUsd) * 1e9) / 1e9;
}
