import { describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '@/lib/testing/databases';
import { takeRequestAndMessage } from '@/lib/testing/reply-takes';
import { useTestDatabase } from '@/lib/testing/use-database';
import { rateLimitConfig } from './limits';
import { FailoverStore, RateLimiter } from './limiter';
import { PostgresRateLimitStore } from './postgres-store';
import type { RateLimitStore } from './store';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const unique = () => crypto.randomUUID();

describe.each(TEST_DATABASES)('the PostgreSQL store on $name', ({ open }) => {
  const db = useTestDatabase(open);

  it('sweeps ended windows and keeps the current ones', async () => {
    const store = new PostgresRateLimitStore(async () => db());
    const now = Date.UTC(2026, 11, 3, 15, 0, 0);
    const [ended, current] = [unique(), unique()];
    await store.take([{ bucket: ended, limit: 5, windowMs: MINUTE }], now - 2 * MINUTE);
    await store.take([{ bucket: current, limit: 5, windowMs: HOUR }], now - 2 * MINUTE);
    expect(await store.sweep(now)).toBeGreaterThanOrEqual(1);
    const left = await db().query<{ bucket: string }>(
      'select bucket from hearth.rate_limit_counters where bucket = any($1)',
      [[ended, current]],
    );
    expect(left.map((row) => row.bucket)).toEqual([current]);
  });

  it('keeps the counters from every role but the server itself', async () => {
    for (const role of ['hearth_anon', 'hearth_user']) {
      await expect(
        db().transaction(async (tx) => {
          await tx.query(`set local role ${role}`);
          await tx.query("select * from hearth.rate_limit_take(array['x'], array[1], array[1000], now())");
        }),
      ).rejects.toThrow(/permission denied/);
      await expect(
        db().transaction(async (tx) => {
          await tx.query(`set local role ${role}`);
          await tx.query('select * from hearth.rate_limit_counters');
        }),
      ).rejects.toThrow(/permission denied/);
    }
  });
});

describe('Redis with the database standing in', () => {
  const db = useTestDatabase(TEST_DATABASES[0]!.open);

  it('counts in the database while Redis is out, and tries Redis again later', async () => {
    const failing: RateLimitStore = { name: 'redis', take: () => Promise.reject(new Error('ECONNREFUSED')) };
    const hanging: RateLimitStore = { name: 'redis', take: () => new Promise(() => {}) };
    const postgres = new PostgresRateLimitStore(async () => db());
    const bucket = unique();
    const takes = [{ bucket, limit: 2, windowMs: MINUTE }];

    const store = new FailoverStore(failing, postgres, 50, 2_000);
    expect(await store.take(takes, Date.now())).toMatchObject({ allowed: true, counts: [1] });
    expect(store.name).toBe('postgres');
    expect(await store.take(takes, Date.now())).toMatchObject({ allowed: true, counts: [2] });
    expect(await store.take(takes, Date.now())).toMatchObject({ allowed: false });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(store.name).toBe('redis');

    // A Redis that never answers costs one timeout, not a hung request.
    const slow = new FailoverStore(hanging, postgres, 50, 100);
    const started = performance.now();
    expect(await slow.take([{ bucket: unique(), limit: 1, windowMs: MINUTE }], Date.now())).toMatchObject({
      allowed: true,
    });
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe.each(TEST_DATABASES)('a chat turn’s session check on the PostgreSQL store, $name', ({ open }) => {
  const db = useTestDatabase(open);

  it('counts for a live session and refuses, counting nothing, once it has ended', async () => {
    const { createTestUser } = await import('@/lib/testing/databases');
    const { startSession, endSessionAtSignOut } = await import('@/lib/auth/sessions');
    const user = await createTestUser(db(), 'turns');
    const started = (await startSession(user.id, { userAgent: null, address: null }, db()))!;
    const limiter = new RateLimiter(new PostgresRateLimitStore(async () => db()), () =>
      rateLimitConfig({
        RATE_LIMIT_MESSAGES_PER_HOUR: '5',
        RATE_LIMIT_MESSAGES_PER_HOUR_PER_IP: '0',
        RATE_LIMIT_REQUESTS_PER_MINUTE_PER_IP: '0',
      }),
    );
    const caller = { id: user.id, role: 'user' as const, isGuest: false };
    const check = {
      claim: {
        userId: user.id,
        sessionId: started.sessionId,
        version: started.version,
        role: 'user' as const,
        isGuest: false,
      },
      verify: () => Promise.reject(new Error('the PostgreSQL store checks the session itself')),
    };
    expect(await takeRequestAndMessage(limiter, caller, unique(), check)).toEqual({ limit: 5, remaining: 4 });
    // The wrong role, or an older version, is a session that no longer stands.
    await expect(
      takeRequestAndMessage(limiter, caller, unique(), { ...check, claim: { ...check.claim, role: 'admin' } }),
    ).rejects.toMatchObject({ status: 401 });
    await expect(
      takeRequestAndMessage(limiter, caller, unique(), {
        ...check,
        claim: { ...check.claim, version: started.version - 1 },
      }),
    ).rejects.toMatchObject({ status: 401 });
    await endSessionAtSignOut({ id: user.id, sessionId: started.sessionId }, db());
    await expect(takeRequestAndMessage(limiter, caller, unique(), check)).rejects.toMatchObject({ status: 401 });
    const [row] = await db().query<{ count: number }>(
      'select count from hearth.rate_limit_counters where bucket = $1',
      [`mph:user:${user.id}`],
    );
    expect(row!.count).toBe(1);
  });
});
