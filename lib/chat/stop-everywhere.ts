import { getRedis, newRedisSubscriber } from '@/lib/redis';
import { stopGeneration } from './active';

// Conversation ids whose reply should stop, published by the process a Stop reached.
const CHANNEL = 'hearth:stop';
const LISTENING = Symbol.for('hearth.stopListener');
type Holder = { [LISTENING]?: Promise<unknown> };

/**
 * Stops the reply being written in a conversation, whichever server process runs it: this one, or
 * with REDIS_URL any other that listens (a page reconnected to a reply may reach another process
 * than the one writing it). Returns whether it stopped here or reached another process.
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
  if (!process.env.REDIS_URL || holder[LISTENING]) return;
  holder[LISTENING] = newRedisSubscriber()
    .then((subscriber) => subscriber?.subscribe(CHANNEL, (conversationId) => void stopGeneration(conversationId)))
    .catch((error: unknown) => {
      holder[LISTENING] = undefined;
      console.warn(`[chat] cannot listen for Stops from other processes: ${(error as Error).message}`);
    });
}
