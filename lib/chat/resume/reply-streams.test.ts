import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Redis } from '@/lib/redis';
import { memoryReplyStreams } from './memory';
import { redisReplyStreams, type RedisReplyStreamsOptions } from './redis';
import type { ReplyStreams } from './types';

/** A reply stream the test writes to, as the route's tee would. */
function replySource() {
  let controller!: ReadableStreamDefaultController<string>;
  const stream = new ReadableStream<string>({ start: (c) => void (controller = c) });
  return { stream, push: (chunk: string) => controller.enqueue(chunk), end: () => controller.close() };
}

async function readAll(stream: ReadableStream<string>): Promise<string[]> {
  const chunks: string[] = [];
  const reader = stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
  return chunks;
}

/** Reads until `count` chunks have arrived (the stream stays open). */
async function readSome(reader: ReadableStreamDefaultReader<string>, count: number): Promise<string[]> {
  const chunks: string[] = [];
  while (chunks.length < count) {
    const read = await reader.read();
    if (read.done) throw new Error(`the stream ended after ${chunks.length} chunks`);
    chunks.push(read.value);
  }
  return chunks;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sse = (n: number) => `data: {"type":"text-delta","id":"t","delta":"word${String(n).padStart(2, '0')} "}\n\n`;

type Backend = {
  name: string;
  /** A registry as one server process sees it; `shared` ones see the same replies. */
  make: (options?: { maxChars?: number }) => Promise<ReplyStreams>;
};

function contract({ name, make }: Backend) {
  describe(`reply streams (${name})`, () => {
    it('replays a reply from its first chunk, then follows it live to its end', async () => {
      const streams = await make();
      const conversationId = randomUUID();
      const source = replySource();
      const recorded = streams.record({ conversationId, replyId: randomUUID() }, source.stream);
      source.push(sse(1));
      source.push(sse(2));
      await sleep(30);

      const resumed = await streams.resume(conversationId);
      expect(resumed).not.toBeNull();
      const reader = resumed!.getReader();
      expect(await readSome(reader, 2)).toEqual([sse(1), sse(2)]);

      source.push(sse(3));
      expect(await readSome(reader, 1)).toEqual([sse(3)]);
      source.push(sse(4));
      source.push('data: [DONE]\n\n');
      source.end();
      await recorded;
      expect(
        await readAll(
          new ReadableStream({
            pull: async (c) => {
              const read = await reader.read();
              if (read.done) c.close();
              else c.enqueue(read.value);
            },
          }),
        ),
      ).toEqual([sse(4), 'data: [DONE]\n\n']);
    });

    it('gives two readers who join at different moments the same whole reply, once each', async () => {
      const streams = await make();
      const conversationId = randomUUID();
      const source = replySource();
      const recorded = streams.record({ conversationId, replyId: randomUUID() }, source.stream);
      source.push(sse(1));
      const early = readAll((await streams.resume(conversationId))!);
      for (let n = 2; n <= 20; n++) {
        source.push(sse(n));
        if (n % 5 === 0) await sleep(5);
      }
      const late = readAll((await streams.resume(conversationId))!);
      source.push(sse(21));
      source.end();
      await recorded;
      const whole = Array.from({ length: 21 }, (_, i) => sse(i + 1));
      expect(await early).toEqual(whole);
      expect(await late).toEqual(whole);
    });

    it('has nothing to resume once a reply has ended: a late reader reads the database instead', async () => {
      const streams = await make();
      const conversationId = randomUUID();
      const source = replySource();
      const recorded = streams.record({ conversationId, replyId: randomUUID() }, source.stream);
      source.push(sse(1));
      source.push(sse(2));
      await sleep(30);
      const following = readAll((await streams.resume(conversationId))!);
      source.end();
      await recorded;
      expect(await following).toEqual([sse(1), sse(2)]);
      expect(await streams.resume(conversationId)).toBeNull();
    });

    it('lets a reader leave mid-reply without disturbing the reply or the other readers', async () => {
      const warn = vi.spyOn(console, 'warn');
      const streams = await make();
      const conversationId = randomUUID();
      const source = replySource();
      const recorded = streams.record({ conversationId, replyId: randomUUID() }, source.stream);
      source.push(sse(1));
      await sleep(30);
      const leaving = (await streams.resume(conversationId))!.getReader();
      const staying = readAll((await streams.resume(conversationId))!);
      expect(await readSome(leaving, 1)).toEqual([sse(1)]);
      source.push(sse(2));
      await leaving.cancel();
      source.push(sse(3));
      await sleep(30);
      source.end();
      await recorded;
      expect(await staying).toEqual([sse(1), sse(2), sse(3)]);
      await sleep(50);
      expect(warn).not.toHaveBeenCalled();
      warn.mockRestore();
    });

    it('has nothing to resume for a conversation with no reply recorded', async () => {
      const streams = await make();
      expect(await streams.resume(randomUUID())).toBeNull();
    });

    it('resumes the newest reply of a conversation, not the one it replaced', async () => {
      const streams = await make();
      const conversationId = randomUUID();
      const first = replySource();
      const firstRecorded = streams.record({ conversationId, replyId: randomUUID() }, first.stream);
      first.push('old');
      await sleep(20);
      const second = replySource();
      const secondRecorded = streams.record({ conversationId, replyId: randomUUID() }, second.stream);
      second.push('new');
      await sleep(20);
      first.end();
      await firstRecorded;
      const resumed = readAll((await streams.resume(conversationId))!);
      second.end();
      await secondRecorded;
      expect(await resumed).toEqual(['new']);
    });

    it('stops keeping a reply that outgrows the cap; a reader already following still gets all of it', async () => {
      const streams = await make({ maxChars: 10 * sse(1).length });
      const conversationId = randomUUID();
      const source = replySource();
      const recorded = streams.record({ conversationId, replyId: randomUUID() }, source.stream);
      source.push(sse(1));
      const following = (await streams.resume(conversationId))!;
      const followed = readAll(following);
      for (let n = 2; n <= 15; n++) source.push(sse(n));
      await sleep(50);
      expect(await streams.resume(conversationId)).toBeNull();
      source.end();
      await recorded;
      const got = await followed;
      // In memory the reader keeps following; in Redis the reply stops at the cap for everyone.
      expect(got).toEqual(Array.from({ length: got.length }, (_, i) => sse(i + 1)));
      expect(got.length).toBeGreaterThanOrEqual(10);
    });
  });
}

contract({ name: 'memory', make: async (options) => memoryReplyStreams(options) });

describe('reply streams in memory: what is held', () => {
  it('is bounded while a reply runs and freed as soon as it ends', async () => {
    const streams = memoryReplyStreams({ maxChars: 1000 });
    const source = replySource();
    const recorded = streams.record({ conversationId: randomUUID(), replyId: randomUUID() }, source.stream);
    source.push('x'.repeat(600));
    await sleep(0);
    expect(streams.stats()).toEqual({ replies: 1, bufferedChars: 600 });
    source.push('x'.repeat(600));
    await sleep(0);
    // Past the cap the buffer is dropped at once, not grown.
    expect(streams.stats()).toEqual({ replies: 1, bufferedChars: 0 });
    for (let i = 0; i < 100; i++) source.push('x'.repeat(600));
    await sleep(0);
    expect(streams.stats().bufferedChars).toBe(0);

    const other = replySource();
    const otherRecorded = streams.record({ conversationId: randomUUID(), replyId: randomUUID() }, other.stream);
    other.push('y'.repeat(100));
    await sleep(0);
    expect(streams.stats()).toEqual({ replies: 2, bufferedChars: 100 });
    source.end();
    other.end();
    await Promise.all([recorded, otherRecorded]);
    expect(streams.stats()).toEqual({ replies: 0, bufferedChars: 0 });
  });

  it('frees a reply whose stream failed, and ends its readers', async () => {
    const streams = memoryReplyStreams();
    const conversationId = randomUUID();
    let controller!: ReadableStreamDefaultController<string>;
    const recorded = streams.record(
      { conversationId, replyId: randomUUID() },
      new ReadableStream({ start: (c) => void (controller = c) }),
    );
    controller.enqueue('a');
    await sleep(0);
    const following = readAll((await streams.resume(conversationId))!);
    controller.error(new Error('the generation blew up'));
    await recorded;
    expect(await following).toEqual(['a']);
    expect(streams.stats()).toEqual({ replies: 0, bufferedChars: 0 });
  });
});

// Real Redis: TEST_REDIS_URL, else a local server when one answers (skipped, and said so, when none does).
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisReachable = await (async () => {
  const probe = createClient({ url: redisUrl, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    await probe.quit();
    return true;
  } catch {
    if (process.env.TEST_REDIS_URL) throw new Error(`TEST_REDIS_URL is set but Redis at ${redisUrl} does not answer`);
    return false;
  }
})();

describe.runIf(redisReachable)('reply streams in Redis', () => {
  const prefix = `test:resume:${randomUUID()}:`;
  const clients: Redis[] = [];
  async function connect(): Promise<Redis> {
    const client: Redis = createClient({ url: redisUrl });
    client.on('error', () => {});
    await client.connect();
    clients.push(client);
    return client;
  }
  /** A registry with connections of its own, as one server process would have. */
  async function processStreams(options: Partial<RedisReplyStreamsOptions> = {}) {
    const client = await connect();
    return {
      client,
      streams: redisReplyStreams({ client: async () => client, subscriber: connect, prefix, pollMs: 200, ...options }),
    };
  }

  afterAll(async () => {
    const admin = await connect();
    const leftover: string[] = [];
    for await (const batch of admin.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) leftover.push(...batch);
    if (leftover.length) await admin.del(leftover);
    await Promise.all(clients.map((c) => c.destroy()));
  });

  contract({ name: 'Redis', make: async (options) => (await processStreams(options)).streams });

  it('resumes on another server process a reply that this one is writing', async () => {
    const writer = await processStreams();
    const reader = await processStreams();
    const conversationId = randomUUID();
    const source = replySource();
    const recorded = writer.streams.record({ conversationId, replyId: randomUUID() }, source.stream);
    source.push(sse(1));
    await sleep(30);
    const resumed = readAll((await reader.streams.resume(conversationId))!);
    source.push(sse(2));
    source.end();
    await recorded;
    expect(await resumed).toEqual([sse(1), sse(2)]);
  });

  it('leaves nothing in Redis once a reply ends and its grace period passes', async () => {
    const { client, streams } = await processStreams({ graceMs: 200 });
    const conversationId = randomUUID();
    const replyId = randomUUID();
    const source = replySource();
    const recorded = streams.record({ conversationId, replyId }, source.stream);
    source.push(sse(1));
    await sleep(30);
    expect(await client.exists([`${prefix}conversation:${conversationId}`, `${prefix}chunks:${replyId}`])).toBe(2);
    source.end();
    await recorded;
    const ttl = await client.pTTL(`${prefix}chunks:${replyId}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(200);
    await sleep(300);
    expect(await client.exists([`${prefix}conversation:${conversationId}`, `${prefix}chunks:${replyId}`])).toBe(0);
  });

  it('ends the readers of a reply whose server process died, once its keys expire', async () => {
    const writer = await processStreams({ ttlMs: 300 });
    const reader = await processStreams();
    const conversationId = randomUUID();
    const source = replySource();
    void writer.streams.record({ conversationId, replyId: randomUUID() }, source.stream);
    source.push(sse(1));
    await sleep(30);
    const resumed = readAll((await reader.streams.resume(conversationId))!);
    // The writer's connection goes away for good: nothing renews the reply's keys any more.
    writer.client.destroy();
    source.push(sse(2));
    expect(await resumed).toEqual([sse(1)]);
    expect(await reader.streams.resume(conversationId)).toBeNull();
  });
});

if (!redisReachable) console.warn(`[reply-streams.test] no Redis at ${redisUrl}: the Redis backend was not tested`);
