import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@/lib/db';
import { isHearthError } from '@/lib/errors';
import type { Redis } from '@/lib/redis';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { countThrough } from '@/lib/testing/pg-wire-counter';
import { rateLimitConfig } from './limits';
import { RateLimiter, type RateLimitedCaller, type ReplyReservation, type SessionCheck } from './limiter';
import { PostgresRateLimitStore } from './postgres-store';
import { RedisRateLimitStore } from './redis-store';
import { spendConfig } from './spend-limits';
import type { RateLimitStore } from './store';

/**
 * The spending caps in front of every reply (the day's token budget, the replies at once) over the
 * database, with the buckets in the database too or in Redis (TEST_REDIS_URL), on PGlite and on
 * the server at TEST_DATABASE_URL.
 */
type Setup = {
  name: string;
  redis: boolean;
  open: () => Promise<{
    db: Database;
    buckets: (postgres: PostgresRateLimitStore) => RateLimitStore;
    close: () => Promise<void>;
  }>;
};

const SETUPS: Setup[] = TEST_DATABASES.flatMap(({ name, open }) => {
  const inDatabase: Setup = {
    name: `buckets in the database, ${name}`,
    redis: false,
    open: async () => {
      const db = await open();
      return { db, buckets: (postgres) => postgres, close: () => db.close() };
    },
  };
  if (!process.env.TEST_REDIS_URL) return [inDatabase];
  const inRedis: Setup = {
    name: `buckets in Redis, ${name}`,
    redis: true,
    open: async () => {
      const db = await open();
      const redis = await createClient({ url: process.env.TEST_REDIS_URL }).connect();
      const prefix = `{hearth-spend-test-${crypto.randomUUID()}}:`;
      return {
        db,
        buckets: () => new RedisRateLimitStore(async () => redis as Redis, prefix),
        close: async () => {
          const keys = await redis.keys(`${prefix}*`);
          if (keys.length) await redis.del(keys);
          redis.destroy();
          await db.close();
        },
      };
    },
  };
  return [inDatabase, inRedis];
});

const TTL = 60_000;
const env = (values: Record<string, string>) => ({
  RATE_LIMIT_REQUESTS_PER_MINUTE_PER_IP: '0',
  RATE_LIMIT_MESSAGES_PER_HOUR_PER_IP: '0',
  ...values,
});

async function refusal(take: Promise<unknown>) {
  try {
    await take;
    return 'allowed';
  } catch (error) {
    if (!isHearthError(error)) throw error;
    return {
      status: error.status,
      code: error.publicCode,
      message: error.message,
      retryAfter: Number(error.headers?.['retry-after']),
    };
  }
}

describe.each(SETUPS)('spending caps with $name', ({ open, redis }) => {
  let db: Database;
  let limiterFor: (values: Record<string, string>, clock?: () => number) => RateLimiter;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const opened = await open();
    db = opened.db;
    close = opened.close;
    const postgres = new PostgresRateLimitStore(async () => db);
    const buckets = opened.buckets(postgres);
    limiterFor = (values, clock = Date.now) =>
      new RateLimiter(buckets, () => rateLimitConfig(env(values)), clock, {
        gate: postgres,
        config: () => spendConfig(env(values)),
        slotTtlMs: () => TTL,
      });
  });
  afterAll(() => close?.());

  const member = async (): Promise<RateLimitedCaller> => ({
    ...(await createTestUser(db, 'spender')),
    role: 'user',
    isGuest: false,
  });
  const spend = (userId: string, tokens: number) => db.query('select hearth.add_spend($1, $2, 0)', [userId, tokens]);
  const slots = async (userId: string) =>
    Number(
      (
        await db.query<{ n: string }>('select count(*)::text as n from hearth.stream_slots where user_id = $1', [
          userId,
        ])
      )[0]!.n,
    );

  it('commits its counters and slot without waiting for the disk, and leaves the rest of the session durable', async () => {
    const caller = await member();
    const durability = await db.transaction(async (tx) => {
      await tx.query(
        `select slot from hearth.reply_take($1, false, null, 0, 'user', false, '{}', '{}', '{}', now(), 0, 3, 60000)`,
        [caller.id],
      );
      return (await tx.query<{ synchronous_commit: string }>('show synchronous_commit'))[0]!.synchronous_commit;
    });
    expect(durability).toBe('off');
    const after = await db.transaction(
      async (tx) => (await tx.query<{ synchronous_commit: string }>('show synchronous_commit'))[0]!.synchronous_commit,
    );
    expect(after).toBe('on');
  });

  it('refuses a reply once the day’s tokens are spent, with daily_budget and Retry-After until midnight UTC, counting nothing', async () => {
    const limiter = limiterFor({ BUDGET_TOKENS_PER_DAY_USER: '1000', RATE_LIMIT_MESSAGES_PER_HOUR_USER: '5' });
    const caller = await member();
    await spend(caller.id, 999);
    const allowed = await limiter.takeReply(caller, '198.51.100.1');
    expect(allowed.allowance).toEqual({ limit: 5, remaining: 4 });
    allowed.release();

    await spend(caller.id, 1);
    const refused = await refusal(limiter.takeReply(caller, '198.51.100.1'));
    const midnight = new Date();
    midnight.setUTCHours(24, 0, 0, 0);
    const untilMidnight = Math.ceil((midnight.getTime() - Date.now()) / 1000);
    expect(refused).toMatchObject({
      status: 429,
      code: 'daily_budget',
      message: expect.stringMatching(
        /^You have used today’s budget of 1,000 tokens, the most an account can use in a day\. You can send more in /,
      ),
    });
    expect((refused as { retryAfter: number }).retryAfter).toBeGreaterThanOrEqual(untilMidnight - 5);
    expect((refused as { retryAfter: number }).retryAfter).toBeLessThanOrEqual(untilMidnight + 1);

    // Nothing was counted for the refusal in the database: with the budget off, the message bucket
    // is at 2 of 5. Redis counts it, its take running beside the database's (documented trade).
    const next = await limiterFor({
      BUDGET_TOKENS_PER_DAY_USER: '0',
      RATE_LIMIT_MESSAGES_PER_HOUR_USER: '5',
    }).takeReply(caller, '198.51.100.1');
    expect(next.allowance).toEqual({ limit: 5, remaining: redis ? 2 : 3 });
    next.release();
  });

  it('gives each role its own budget: guests half the base, admins ten times', async () => {
    const limiter = limiterFor({ BUDGET_TOKENS_PER_DAY: '1000' });
    const guest: RateLimitedCaller = { ...(await member()), isGuest: true };
    const admin: RateLimitedCaller = { ...(await member()), role: 'admin' };
    await spend(guest.id, 500);
    await spend(admin.id, 9_999);
    expect(await refusal(limiter.takeReply(guest, '198.51.100.2'))).toMatchObject({
      code: 'daily_budget',
      message: expect.stringContaining('500 tokens, the most a guest account'),
    });
    (await limiter.takeReply(admin, '198.51.100.2')).release();
  });

  it('holds at most N replies at once per account, and frees a slot when its reply is done', async () => {
    const limiter = limiterFor({ MAX_CONCURRENT_REPLIES_USER: '2' });
    const caller = await member();
    const first = await limiter.takeReply(caller, '198.51.100.3');
    const second = await limiter.takeReply(caller, '198.51.100.3');
    expect(await refusal(limiter.takeReply(caller, '198.51.100.3'))).toEqual({
      status: 429,
      code: 'concurrent_streams',
      message: '2 replies are already being written for you, the most at once. Wait for one to finish, or stop one.',
      retryAfter: 5,
    });
    expect(await slots(caller.id)).toBe(2);
    first.release();
    first.release(); // twice does nothing more
    await waitFor(async () => (await slots(caller.id)) === 1);
    const third = await limiter.takeReply(caller, '198.51.100.3');
    expect(await slots(caller.id)).toBe(2);
    second.release();
    third.release();
  });

  it('never lets more than N replies through when many ask at once', async () => {
    const limiter = limiterFor({ MAX_CONCURRENT_REPLIES_USER: '3' });
    const caller = await member();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, () => limiter.takeReply(caller, '198.51.100.4')),
    );
    const held = outcomes.filter((o): o is PromiseFulfilledResult<ReplyReservation> => o.status === 'fulfilled');
    expect(held).toHaveLength(3);
    expect(await slots(caller.id)).toBe(3);
    held.forEach((o) => o.value.release());
  });

  it('frees the slot of a reply whose process died, once the slot expires', async () => {
    let now = Date.now();
    const limiter = limiterFor({ MAX_CONCURRENT_REPLIES_USER: '1' }, () => now);
    const caller = await member();
    await limiter.takeReply(caller, '198.51.100.5'); // never released: the process "died"
    expect(await refusal(limiter.takeReply(caller, '198.51.100.5'))).toMatchObject({ code: 'concurrent_streams' });
    now += TTL - 1_000;
    expect(await refusal(limiter.takeReply(caller, '198.51.100.5'))).toMatchObject({ code: 'concurrent_streams' });
    now += 1_000;
    const after = await limiter.takeReply(caller, '198.51.100.5');
    expect(await slots(caller.id)).toBe(1);
    after.release();
  });

  it('holds no slot for a reply a rate limit refused', async () => {
    const limiter = limiterFor({ MAX_CONCURRENT_REPLIES_USER: '5', RATE_LIMIT_MESSAGES_PER_HOUR_USER: '1' });
    const caller = await member();
    (await limiter.takeReply(caller, '198.51.100.6')).release();
    await waitFor(async () => (await slots(caller.id)) === 0);
    expect(await refusal(limiter.takeReply(caller, '198.51.100.6'))).toMatchObject({ code: 'messages_per_hour' });
    await waitFor(async () => (await slots(caller.id)) === 0);
  });

  it('checks the session in the same take: an ended one is a 401 that holds nothing', async () => {
    const limiter = limiterFor({ MAX_CONCURRENT_REPLIES_USER: '5' });
    const caller = await member();
    const session: SessionCheck = {
      claim: { userId: caller.id, sessionId: null, version: 7, role: 'user', isGuest: false },
      verify: async () => false,
    };
    expect(await refusal(limiter.takeReply(caller, '198.51.100.7', { session, request: true }))).toMatchObject({
      status: 401,
    });
    await waitFor(async () => (await slots(caller.id)) === 0);
  });
});

describe('the day’s spend, kept by the database', () => {
  for (const { name, open } of TEST_DATABASES) {
    it(`counts recorded replies and API usage into the day, never refunding, on ${name}`, async () => {
      const db = await open();
      try {
        const user = await createTestUser(db, 'ledger');
        const today = async () =>
          Number(
            (
              await db.query<{ tokens: string }>(
                "select tokens::text from hearth.spend_daily where user_id = $1 and day = (now() at time zone 'UTC')::date",
                [user.id],
              )
            )[0]?.tokens ?? 0,
          );
        const [conversation] = await db.query<{ id: string }>(
          "insert into hearth.conversations (user_id, companion_id, model) select $1, id, 'offline/hearth-demo' from hearth.companions where slug = 'marcus' returning id",
          [user.id],
        );
        const [reply] = await db.query<{ id: string }>(
          "insert into hearth.messages (conversation_id, user_id, role, status) values ($1, $2, 'assistant', 'streaming') returning id",
          [conversation!.id, user.id],
        );
        expect(await today()).toBe(0);
        await db.query(
          "update hearth.messages set status = 'complete', input_tokens = 100, output_tokens = 20 where id = $1",
          [reply!.id],
        );
        expect(await today()).toBe(120);
        await db.query('update hearth.messages set output_tokens = 5 where id = $1', [reply!.id]);
        await db.query('delete from hearth.messages where id = $1', [reply!.id]);
        expect(await today()).toBe(120);
        await db.query(
          "insert into hearth.api_usage (user_id, model, status, input_tokens, output_tokens) values ($1, 'offline/hearth-demo', 'complete', 7, 3)",
          [user.id],
        );
        expect(await today()).toBe(130);
      } finally {
        await db.close();
      }
    });
  }
});

describe.runIf(process.env.TEST_DATABASE_URL)('round trips in front of a reply, on PostgreSQL', () => {
  it('takes the session, the quotas, the budget and a slot in one round trip; Redis adds none to the database', async () => {
    const counter = await countThrough(process.env.TEST_DATABASE_URL!);
    const db = await openDatabase({ url: counter.url });
    const redis = process.env.TEST_REDIS_URL ? await createClient({ url: process.env.TEST_REDIS_URL }).connect() : null;
    const prefix = `{hearth-spend-trips-${crypto.randomUUID()}}:`;
    try {
      const user = await createTestUser(db, 'trips');
      const [state] = await db.query<{ session_version: number }>(
        'select session_version from hearth.users where id = $1',
        [user.id],
      );
      const caller: RateLimitedCaller = { id: user.id, role: 'user', isGuest: false };
      const session: SessionCheck = {
        claim: { userId: user.id, sessionId: null, version: state!.session_version, role: 'user', isGuest: false },
        verify: async () => true,
      };
      const postgres = new PostgresRateLimitStore(async () => db);
      const values = { BUDGET_TOKENS_PER_DAY_USER: '1000000', MAX_CONCURRENT_REPLIES_USER: '3' };
      const options = { gate: postgres, config: () => spendConfig(env(values)), slotTtlMs: () => TTL };
      const stores: [string, RateLimitStore][] = [['database', postgres]];
      if (redis) stores.push(['redis', new RedisRateLimitStore(async () => redis as Redis, prefix)]);
      for (const [name, store] of stores) {
        const limiter = new RateLimiter(store, () => rateLimitConfig(env(values)), Date.now, options);
        await (await limiter.takeReply(caller, '198.51.100.8')).release(); // warm: the connection is open
        await new Promise((resolve) => setTimeout(resolve, 100));
        const before = counter.counts.roundTrips;
        const reservation = await limiter.takeReply(caller, '198.51.100.8', { session, request: true });
        const taken = counter.counts.roundTrips - before;
        console.log(`[spend] buckets in ${name}: ${taken} database round trip(s) in front of a reply`);
        expect(taken, `buckets in ${name}`).toBe(1);
        expect(counter.counts.statements.at(-1)).toMatch(/hearth\.reply_take\(/);
        reservation.release();
      }
    } finally {
      if (redis) {
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length) await redis.del(keys);
        redis.destroy();
      }
      await db.close();
      await counter.close();
    }
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
