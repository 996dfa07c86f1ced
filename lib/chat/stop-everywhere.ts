import type { Database } from '@/lib/db/client';
import { getConversation } from '@/lib/conversations/queries';
import { requestStop } from '@/lib/conversations/messages';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { getRedis, newRedisSubscriber, redisConfigured } from '@/lib/redis';
import { stopGeneration } from './active';

// Conversation ids whose reply should stop, published by the process a Stop reached.
const CHANNEL = 'hearth:stop';
const LISTENING = Symbol.for('hearth.stopListener');
type Holder = { [LISTENING]?: Promise<unknown> };

/**
 * Stop, as the chat's Stop route asks for it: the reply being written in the user's conversation
 * ends and is saved as aborted with its text, whichever instance writes it. The reply is flagged in
 * the database (in the user's scope), where the writing instance's progress tick reads it within
 * a couple of seconds (lib/chat/reply-progress.ts); this instance, or any that listens on Redis,
 * stops it at once. Returns whether there was a reply to stop.
 */
export async function stopReply(user: UserScope, conversationId: string, db?: Database): Promise<boolean> {
  const flagged = await withUser(
    user,
    async (tx) => {
      if (!(await getConversation(tx, conversationId)))
        throw new HearthError('not_found', 'This conversation does not exist.');
      return requestStop(tx, conversationId);
    },
    db,
  );
  return (await stopEverywhere(conversationId)) || flagged;
}

/**
 * Stops the reply being written in a conversation at once, in this process or, with REDIS_URL, in
 * any other that listens (a page reconnected to a reply may reach another process than the one
 * writing it). Returns whether it stopped here or reached another process.
 */
export async function stopEverywhere(conversationId: string): Promise<boolean> {
  if (stopGeneration(conversationId)) return true;
  const redis = getRedis();
  if (!redis) return false;
  try {
    const listeners = await (await redis).publish(CHANNEL, conversationId);
    // This process listens too, if it has written a reply.
    return listeners > ((globalThis as Holder)[LISTENING] ? 1 : 0);
  } catch (error) {
    console.warn(`[chat] could not pass Stop on to the other processes: ${(error as Error).message}`);
    return false;
  }
}

/** With REDIS_URL, makes this process act on Stops that reach other processes; once per process. */
export function listenForStops(): void {
  const holder = globalThis as Holder;
  if (!redisConfigured() || holder[LISTENING]) return;
  holder[LISTENING] = newRedisSubscriber()
    .then((subscriber) => subscriber?.subscribe(CHANNEL, (conversationId) => void stopGeneration(conversationId)))
    .catch((error: unknown) => {
      holder[LISTENING] = undefined;
      console.warn(`[chat] cannot listen for Stops from other processes: ${(error as Error).message}`);
    });
}
