import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHearthError } from '@/lib/errors';
import type { Redis } from '@/lib/redis';
import { TEST_DATABASES } from '@/lib/testing/databases';
import { takeMessage, takeRequestAndMessage } from '@/lib/testing/reply-takes';
import { UNIDENTIFIED } from './client-address';
import { rateLimitConfig } from './limits';
import { RateLimiter, type RateLimitedCaller } from './limiter';
import { PostgresRateLimitStore } from './postgres-store';
import { RedisRateLimitStore } from './redis-store';
import type { RateLimitStore } from './store';

/**
 * The limiter over each store it runs on: PostgreSQL (PGlite, and the server at TEST_DATABASE_URL)
 * and Redis at TEST_REDIS_URL (CI points it at 127.0.0.1:6379), with a key prefix of its own.
 * Every test makes up its own users and addresses, so the stores' leftovers never meet.
 */
type StoreUnderTest = { name: string; open: () => Promise<{ store: RateLimitStore; close: () => Promise<void> }> };

const STORES: StoreUnderTest[] = [
  ...TEST_DATABASES.map(({ name, open }) => ({
    name: `postgres on ${name}`,
    open: async () => {
      const db = await open();
      // The one bucket every test run shares (a server database outlives the run).
      await db.query("delete from hearth.rate_limit_counters where bucket like '%:unidentified'");
      return { store: new PostgresRateLimitStore(async () => db), close: () => db.close() };
    },
  })),
  ...(process.env.TEST_REDIS_URL
    ? [
        {
          name: 'redis',
          open: async () => {
            const redis = await createClient({ url: process.env.TEST_REDIS_URL }).connect();
            const prefix = `{hearth-rl-test-${crypto.randomUUID()}}:`;
            return {
              store: new RedisRateLimitStore(async () => redis as Redis, prefix),
              close: async () => {
                const keys = await redis.keys(`${prefix}*`);
                if (keys.length) await redis.del(keys);
                redis.destroy();
              },
            };
          },
        },
      ]
    : []),
];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const unique = () => crypto.randomUUID();
const guest = (): RateLimitedCaller => ({ id: unique(), role: 'user', isGuest: true });
const member = (keyHash?: string): RateLimitedCaller => ({ id: unique(), role: 'user', isGuest: false, keyHash });
const admin = (): RateLimitedCaller => ({ id: unique(), role: 'admin' });

/** What a take threw: the envelope's code, the message and the Retry-After seconds; or 'allowed'. */
async function outcome(take: Promise<unknown>) {
  try {
    await take;
    return 'allowed' as const;
  } catch (error) {
    if (!isHearthError(error) || error.code !== 'rate_limited') throw error;
    return { code: error.publicCode, message: error.message, retryAfter: Number(error.headers?.['retry-after']) };
  }
}

describe.each(STORES)('rate limits on $name', ({ open }) => {
  let store: RateLimitStore;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ store, close } = await open());
  });
  afterAll(() => close?.());

  const clock = { now: Date.UTC(2026, 11, 3, 14, 0, 0) };
  const limiterWith = (env: Record<string, string>) =>
    new RateLimiter(
      store,
      () => rateLimitConfig(env),
      () => clock.now,
    );

  it('allows the limit in a window, counting down, then refuses until the window ends, counting no refusal', async () => {
    const limiter = limiterWith({ RATE_LIMIT_REQUESTS_PER_MINUTE: '3', RATE_LIMIT_REQUESTS_PER_MINUTE_PER_IP: '0' });
    const alice = member();
    const address = unique();
    const allowed = [];
    for (let i = 0; i < 3; i++) allowed.push(await limiter.takeRequest(alice, address));
    expect(allowed).toEqual([
      { limit: 3, remaining: 2 },
      { limit: 3, remaining: 1 },
      { limit: 3, remaining: 0 },
    ]);
    clock.now += 20_500;
    expect(await outcome(limiter.takeRequest(alice, address))).toEqual({
      code: 'requests_per_minute',
      message: 'Too many requests: at most 3 a minute. Try again in 40 seconds.',
      retryAfter: 40,
    });
    for (let i = 0; i < 5; i++) await outcome(limiter.takeRequest(alice, address));
    clock.now += 39_499;
    expect(await outcome(limiter.takeRequest(alice, address))).toMatchObject({ retryAfter: 1 });
    // The window rolls over: a fresh budget, and the refusals above spent none of it.
    clock.now += 1;
    expect(await limiter.takeRequest(alice, address)).toEqual({ limit: 3, remaining: 2 });
  });

  it('refuses when any bucket is full without spending the others', async () => {
    const [full, spare] = [unique(), unique()];
    const take = (buckets: string[]) =>
      store.take(
        buckets.map((bucket) => ({ bucket, limit: 1, windowMs: MINUTE })),
        clock.now,
      );
    expect(await take([full])).toMatchObject({ allowed: true, counts: [1] });
    expect(await take([spare, full])).toMatchObject({ allowed: false, counts: [1, 2] });
    expect(await take([spare])).toMatchObject({ allowed: true, counts: [1] });
  });

  it('keeps users apart, and counts a key with its user, so their session and other keys wait too', async () => {
    const limiter = limiterWith({ RATE_LIMIT_REQUESTS_PER_MINUTE: '2', RATE_LIMIT_REQUESTS_PER_MINUTE_PER_IP: '0' });
    const alice = member();
    const address = unique();
    await limiter.takeRequest({ ...alice, keyHash: 'k1' + alice.id }, address);
    await limiter.takeRequest({ ...alice, keyHash: 'k1' + alice.id }, address);
    expect(await limiter.takeRequest(member(), address)).toEqual({ limit: 2, remaining: 1 });
    expect(await outcome(limiter.takeRequest(alice, address))).toMatchObject({ code: 'requests_per_minute' });
    expect(await outcome(limiter.takeRequest({ ...alice, keyHash: 'k2' + alice.id }, address))).toMatchObject({
      code: 'requests_per_minute',
    });
  });

  it('never lets more than the limit through when many takes arrive at once', async () => {
    const limiter = limiterWith({ RATE_LIMIT_MESSAGES_PER_HOUR: '10', RATE_LIMIT_MESSAGES_PER_HOUR_PER_IP: '15' });
    const address = unique();
    const alice = member();
    const results = await Promise.all(Array.from({ length: 40 }, () => outcome(takeMessage(limiter, alice, address))));
    expect(results.filter((r) => r === 'allowed')).toHaveLength(10);
    // The address bucket counted only the ten that passed: five more from someone else fit, then no more.
    const bob = member();
    const others = await Promise.all(Array.from({ length: 20 }, () => outcome(takeMessage(limiter, bob, address))));
    expect(others.filter((r) => r === 'allowed')).toHaveLength(5);
  });

  it('counts messages per client address, so a new guest session buys no fresh budget', async () => {
    const limiter = limiterWith({ RATE_LIMIT_MESSAGES_PER_HOUR: '100', RATE_LIMIT_MESSAGES_PER_HOUR_PER_IP: '5' });
    const address = unique();
    for (let i = 0; i < 5; i++) expect(await takeMessage(limiter, guest(), address)).not.toBeNull();
    clock.now += 10 * MINUTE;
    expect(await outcome(takeMessage(limiter, guest(), address))).toEqual({
      code: 'messages_per_hour',
      message: 'Too many messages from your network this hour (at most 5). You can send more in 50 minutes.',
      retryAfter: 50 * 60,
    });
    // Someone at another address is not affected.
    expect(await takeMessage(limiter, guest(), unique())).toEqual({ limit: 5, remaining: 4 });
  });

  it('counts sign-ups per client address and hour', async () => {
    const limiter = limiterWith({ RATE_LIMIT_SIGN_UPS_PER_HOUR_PER_IP: '2' });
    const address = unique();
    await limiter.takeSignUp(address);
    await limiter.takeSignUp(address);
    expect(await outcome(limiter.takeSignUp(address))).toMatchObject({ code: 'sign_ups_per_hour', retryAfter: 3600 });
    clock.now += HOUR;
    expect(await limiter.takeSignUp(address)).toEqual({ limit: 2, remaining: 1 });
  });

  it('gives each role its own limit: guests half, admins ten times, overrides by env; admins skip the address bucket', async () => {
    const limiter = limiterWith({
      RATE_LIMIT_MESSAGES_PER_HOUR: '4',
      RATE_LIMIT_MESSAGES_PER_HOUR_USER: '3',
      RATE_LIMIT_MESSAGES_PER_HOUR_PER_IP: '1000',
    });
    const address = unique();
    const spend = async (caller: RateLimitedCaller) => {
      let allowed = 0;
      while ((await outcome(takeMessage(limiter, caller, address))) === 'allowed') allowed += 1;
      return allowed;
    };
    const spent = guest();
    expect(await spend(spent)).toBe(2);
    expect(await spend(member())).toBe(3);
    expect(await spend(admin())).toBe(40);
    expect(await outcome(takeMessage(limiter, spent, address))).toMatchObject({
      message: expect.stringContaining('You have sent 2 messages this hour, the most a guest account can.'),
    });

    const tight = limiterWith({ RATE_LIMIT_MESSAGES_PER_HOUR_PER_IP: '1' });
    const crowded = unique();
    await takeMessage(tight, guest(), crowded);
    expect(await outcome(takeMessage(tight, member(), crowded))).toMatchObject({ code: 'messages_per_hour' });
    expect(await takeMessage(tight, admin(), crowded)).toEqual({ limit: 1000, remaining: 999 });
  });

  it('without a known client address, bounds guests together and anonymous callers together, signed-up users each on their own', async () => {
    const limiter = limiterWith({
      RATE_LIMIT_MESSAGES_PER_HOUR_PER_IP: '2',
      RATE_LIMIT_REQUESTS_PER_MINUTE_PER_IP: '1',
    });
    clock.now += 2 * HOUR;
    const spendAsGuests = async () => {
      let allowed = 0;
      while ((await outcome(takeMessage(limiter, guest(), UNIDENTIFIED))) === 'allowed') allowed += 1;
      return allowed;
    };
    expect(await spendAsGuests()).toBe(2);
    expect(await outcome(takeMessage(limiter, guest(), UNIDENTIFIED))).toMatchObject({
      message: expect.stringContaining('Too many messages on this server this hour (at most 2).'),
    });
    expect(await takeMessage(limiter, member(), UNIDENTIFIED)).toEqual({ limit: 100, remaining: 99 });
    await limiter.takeRequest(null, UNIDENTIFIED);
    expect(await outcome(limiter.takeRequest(null, UNIDENTIFIED))).toMatchObject({ code: 'requests_per_minute' });
    expect(await limiter.takeRequest(member(), UNIDENTIFIED)).toEqual({ limit: 60, remaining: 59 });
    // Anonymous requests spend their own budget: a flood of them leaves the guests theirs.
    expect(await limiter.takeRequest(guest(), UNIDENTIFIED)).toEqual({ limit: 1, remaining: 0 });
  });

  it('keeps guests’ sign-ups and email sign-ups apart, so making guests cannot lock out people signing up', async () => {
    const limiter = limiterWith({ RATE_LIMIT_SIGN_UPS_PER_HOUR_PER_IP: '2' });
    clock.now += 2 * HOUR;
    await limiter.takeSignUp(UNIDENTIFIED, 'guest');
    await limiter.takeSignUp(UNIDENTIFIED, 'guest');
    expect(await outcome(limiter.takeSignUp(UNIDENTIFIED, 'guest'))).toMatchObject({ code: 'sign_ups_per_hour' });
    expect(await limiter.takeSignUp(UNIDENTIFIED, 'account')).toEqual({ limit: 2, remaining: 1 });
  });

  it('checks a session with the take: an ended one is a 401, a live one counts as usual', async () => {
    const limiter = limiterWith({
      RATE_LIMIT_REQUESTS_PER_MINUTE: '10',
      RATE_LIMIT_MESSAGES_PER_HOUR: '10',
      RATE_LIMIT_REQUESTS_PER_MINUTE_PER_IP: '0',
      RATE_LIMIT_MESSAGES_PER_HOUR_PER_IP: '0',
    });
    const alice = member();
    const address = unique();
    let live = false;
    // A claim no database knows: the PostgreSQL store finds no such user; `verify` answers for the others.
    const check = {
      claim: { userId: alice.id, sessionId: null, version: 0, role: 'user' as const, isGuest: false },
      verify: async () => live,
    };
    await expect(takeRequestAndMessage(limiter, alice, address, check)).rejects.toMatchObject({
      status: 401,
      message: 'Your session has ended. Please sign in again.',
    });
    await expect(takeRequestAndMessage(limiter, alice, address, check)).rejects.toMatchObject({ status: 401 });
    if (store.takeForSession) return; // the rest needs a live session, which only `verify` can fake
    // Redis cannot see sessions: the check runs beside the take (no added wait), and a refused
    // turn of an ended session may have been counted against that user.
    live = true;
    expect(await takeRequestAndMessage(limiter, alice, address, check)).toMatchObject({ limit: 10 });
  });

  it('takes a request and a message in one go: refused by whichever is full, counting neither then', async () => {
    const limiter = limiterWith({
      RATE_LIMIT_REQUESTS_PER_MINUTE: '10',
      RATE_LIMIT_MESSAGES_PER_HOUR: '2',
      RATE_LIMIT_MESSAGES_PER_HOUR_PER_IP: '0',
      RATE_LIMIT_REQUESTS_PER_MINUTE_PER_IP: '0',
    });
    const alice = member();
    const address = unique();
    await takeRequestAndMessage(limiter, alice, address);
    await takeRequestAndMessage(limiter, alice, address);
    expect(await outcome(takeRequestAndMessage(limiter, alice, address))).toMatchObject({ code: 'messages_per_hour' });
    // Two requests were counted, not the refused third: eight more fit in the minute.
    for (let i = 0; i < 8; i++) expect(await outcome(limiter.takeRequest(alice, address))).toBe('allowed');
    expect(await outcome(limiter.takeRequest(alice, address))).toMatchObject({ code: 'requests_per_minute' });
    // Both full: the wait told is the longer one, until the hour's window ends.
    expect(await outcome(takeRequestAndMessage(limiter, alice, address))).toMatchObject({
      code: 'messages_per_hour',
      retryAfter: 3600,
    });
  });

  it('takes nothing when every limit that applies is switched off with 0', async () => {
    const limiter = limiterWith({ RATE_LIMIT_REQUESTS_PER_MINUTE_ADMIN: '0' });
    expect(await limiter.takeRequest(admin(), unique())).toBeNull();
  });
});
