import type { Redis } from '@/lib/redis';
import type { RecordedReply, ReplyStreams } from './types';

export type RedisReplyStreamsOptions = {
  /** The connection for commands (the process's own). */
  client: () => Promise<Redis>;
  /** A connection for SUBSCRIBE, opened once and shared by every reader of this process. */
  subscriber: () => Promise<Redis>;
  /** Keys and channels start with it; tests give their own. */
  prefix?: string;
  /** How long an ended reply's keys stay, for readers between a notification and their next read. */
  graceMs?: number;
  /**
   * How long a reply's keys live without news from its writer: the writer renews them every third
   * of it, so a reply whose server process died disappears this long after.
   */
  ttlMs?: number;
  /** How long a reader waits for a notification before looking at the list by itself. */
  pollMs?: number;
  /** The most a reply may hold, in characters; a longer one stops being resumable. */
  maxChars?: number;
};

// Markers in a reply's list besides its SSE chunks. The SSE text is JSON, which never contains a raw
// NUL, so these cannot collide with a chunk. OPEN makes the list exist before the first chunk.
const OPEN = '\u0000open';
const END = '\u0000end';
const TOO_LARGE = '\u0000too-large';

// Renews or ends a conversation's pointer only while it still names this reply (a newer one may
// have taken over the conversation).
const EXPIRE_IF_CURRENT =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";

/**
 * Reply streams in Redis, so a reconnect that lands on another server process finds the reply.
 * A reply is a list of its chunks (`chunks:<reply id>`), appended in batches by the process that
 * runs it, with a notification on `live:<reply id>` after each batch; `conversation:<id>` names the
 * conversation's latest reply. Readers replay the list, then read what was added after each
 * notification (or every `pollMs` without one). An ended reply is not resumed (the database has
 * it), and its keys expire `graceMs` after it ends.
 */
export function redisReplyStreams(options: RedisReplyStreamsOptions): ReplyStreams {
  const { prefix = 'hearth:reply:', graceMs = 10_000, ttlMs = 60_000, pollMs = 5_000, maxChars = 2_000_000 } = options;
  const keys = {
    pointer: (conversationId: string) => `${prefix}conversation:${conversationId}`,
    list: (replyId: string) => `${prefix}chunks:${replyId}`,
    channel: (replyId: string) => `${prefix}live:${replyId}`,
  };
  let subscribing: Promise<Redis> | undefined;
  const sharedSubscriber = () => {
    subscribing ??= options.subscriber().catch((error: unknown) => {
      subscribing = undefined;
      throw error;
    });
    return subscribing;
  };

  async function record({ conversationId, replyId }: RecordedReply, sse: ReadableStream<string>): Promise<void> {
    const pointer = keys.pointer(conversationId);
    const list = keys.list(replyId);
    const channel = keys.channel(replyId);
    let redis: Redis | null = null;
    try {
      redis = await options.client();
      await redis
        .multi()
        .del(list)
        .rPush(list, OPEN)
        .pExpire(list, ttlMs)
        .set(pointer, replyId, { expiration: { type: 'PX', value: ttlMs } })
        .exec();
    } catch (error) {
      warn(`cannot record the reply of ${conversationId}`, error);
      redis = null;
    }

    // One batch in flight at a time: chunks that arrive meanwhile go out together in the next.
    let pending: string[] = [];
    let flushing: Promise<void> | null = null;
    let failed = !redis;
    let size = 0;
    let tooLarge = false;
    const drain = async () => {
      while (pending.length && !failed) {
        const batch = pending;
        pending = [];
        const ended = batch.at(-1) === END;
        try {
          await redis!
            .multi()
            .rPush(list, batch)
            .pExpire(list, ended ? graceMs : ttlMs)
            .publish(channel, '1')
            .exec();
          if (ended) await redis!.eval(EXPIRE_IF_CURRENT, { keys: [pointer], arguments: [replyId, String(graceMs)] });
        } catch (error) {
          failed = true;
          warn(`stopped recording the reply of ${conversationId}`, error);
        }
      }
      flushing = null;
    };
    const append = (chunk: string) => {
      if (failed || tooLarge) return;
      size += chunk.length;
      tooLarge = size > maxChars;
      pending.push(tooLarge ? TOO_LARGE : chunk);
      flushing ??= drain();
    };
    const heartbeat = setInterval(() => {
      if (failed) return;
      void Promise.all([
        redis!.pExpire(list, ttlMs),
        redis!.eval(EXPIRE_IF_CURRENT, { keys: [pointer], arguments: [replyId, String(ttlMs)] }),
      ]).catch((error: unknown) => warn(`cannot renew the reply of ${conversationId}`, error));
    }, ttlMs / 3);
    heartbeat.unref?.();

    // The stream is read to its end whatever happens to Redis: it is one branch of the response's
    // tee, and a branch nobody reads would hold every chunk until the reply ends.
    const reader = sse.getReader();
    try {
      for (let read = await reader.read(); !read.done; read = await reader.read()) append(read.value);
    } catch (error) {
      warn(`the reply stream of ${conversationId} failed`, error);
    } finally {
      clearInterval(heartbeat);
      if (!failed) {
        pending.push(END);
        flushing ??= drain();
      }
      await flushing;
    }
  }

  async function resume(conversationId: string): Promise<ReadableStream<string> | null> {
    let redis: Redis;
    let subscriber: Redis;
    let replyId: string | null;
    try {
      redis = await options.client();
      replyId = await redis.get(keys.pointer(conversationId));
      if (!replyId) return null;
      subscriber = await sharedSubscriber();
    } catch (error) {
      warn(`cannot look up the reply of ${conversationId}`, error);
      return null;
    }
    const list = keys.list(replyId);
    const channel = keys.channel(replyId);

    // Subscribed before the first read, so no batch falls between the replay and the live tail.
    let signalled = false;
    let wake = () => {};
    const listener = () => {
      signalled = true;
      wake();
    };
    const unsubscribe = () => void subscriber.unsubscribe(channel, listener).catch(() => {});
    let replay: string[];
    try {
      await subscriber.subscribe(channel, listener);
      replay = await redis.lRange(list, 0, -1);
    } catch (error) {
      unsubscribe();
      warn(`cannot resume the reply of ${conversationId}`, error);
      return null;
    }
    // Gone, ended (the database has it now) or too large to replay: nothing to resume.
    if (!replay.length || replay.at(-1) === END || replay.includes(TOO_LARGE)) {
      unsubscribe();
      return null;
    }

    const signal = () =>
      new Promise<void>((resolve) => {
        if (signalled) return resolve();
        const timer = setTimeout(done, pollMs);
        wake = done;
        function done() {
          clearTimeout(timer);
          wake = () => {};
          resolve();
        }
      });

    let cancelled = false;
    return new ReadableStream<string>({
      start(controller) {
        // Whether the reply is over: its end (or a cap) was reached and the stream is closed.
        const emit = (chunks: string[]): boolean => {
          for (const chunk of chunks) {
            if (chunk === OPEN) continue;
            if (chunk === END || chunk === TOO_LARGE) {
              controller.close();
              return true;
            }
            controller.enqueue(chunk);
          }
          return false;
        };
        const follow = async () => {
          let next = replay.length;
          if (emit(replay)) return;
          while (!cancelled) {
            await signal();
            if (cancelled) return;
            signalled = false;
            const added = await redis.lRange(list, next, -1);
            if (cancelled) return;
            next += added.length;
            if (emit(added)) return;
            // Nothing new and the list is gone: its writer died, and the database has what was saved.
            if (!added.length && !(await redis.exists(list))) {
              if (!cancelled) controller.close();
              return;
            }
          }
        };
        void follow()
          .catch((error: unknown) => {
            warn(`lost the reply of ${conversationId}`, error);
            if (!cancelled) controller.close();
          })
          .finally(unsubscribe);
      },
      cancel() {
        cancelled = true;
        wake();
      },
    });
  }

  return { record, resume };
}

function warn(what: string, error: unknown) {
  console.warn(`[resume] ${what}: ${error instanceof Error ? error.message : String(error)}`);
}
