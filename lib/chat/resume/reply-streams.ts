import { getRedis, newRedisSubscriber, redisConfigured } from '@/lib/redis';
import { memoryReplyStreams } from './memory';
import { redisReplyStreams } from './redis';
import type { ReplyStreams } from './types';

const GLOBAL_KEY = Symbol.for('hearth.replyStreams');
type Holder = { [GLOBAL_KEY]?: ReplyStreams };

/**
 * This process's reply streams: in Redis when REDIS_URL is set, so a reconnect that reaches
 * another server process finds the reply; in memory otherwise. Held on globalThis because Next.js
 * may load this module more than once in one process, and the POST and GET routes must share it.
 */
export function replyStreams(): ReplyStreams {
  const holder = globalThis as Holder;
  holder[GLOBAL_KEY] ??= redisConfigured()
    ? redisReplyStreams({ client: () => getRedis()!, subscriber: async () => (await newRedisSubscriber())! })
    : memoryReplyStreams();
  return holder[GLOBAL_KEY];
}
