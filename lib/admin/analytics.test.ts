import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAdmin } from '@/lib/auth/grant-admin';
import type { Database } from '@/lib/db';
import { listCompanions } from '@/lib/companions/queries';
import { createConversation } from '@/lib/conversations/queries';
import { withUser } from '@/lib/db/scope';
import { isHearthError } from '@/lib/errors';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { analyticsCsv, bucketMs, loadAnalytics, parseRange } from './analytics';

describe('parseRange', () => {
  it('defaults to the last 30 days and names a bad field', () => {
    expect(parseRange({}, new Date('2026-03-31T12:00:00Z'))).toEqual({ from: '2026-03-02', to: '2026-03-31' });
    expect(() => parseRange({ from: '2026-13-01' })).toThrow(/"from" must be a date/);
    expect(() => parseRange({ from: '2026-03-05', to: '2026-03-01' })).toThrow(/must not be after/);
    expect(() => parseRange({ from: '2020-01-01', to: '2026-01-01' })).toThrow(/at most 366 days/);
  });

  it('names a bad "to" given alone (the default "from" counted back from it was a RangeError, a 500)', () => {
    for (const to of ['x', '\u0000', '2026-02-30x', '9999999-01-01']) {
      expect(() => parseRange({ to })).toThrow(expect.objectContaining({ code: 'bad_request', param: 'to' }));
    }
  });
});

describe.each(TEST_DATABASES)('usage analytics on $name', ({ open }) => {
  let db: Database;
  let admin: { id: string; role: 'admin' };
  let alice: { id: string };
  // Rows dated in a year of their own, so other tests' messages (and earlier runs') stay out of the range.
  const year = 2100 + Math.floor(Math.random() * 800);
  const day1 = `${year}-05-01`;
  const day2 = `${year}-05-02`;

  beforeAll(async () => {
    db = await open();
    const adminUser = await createTestUser(db, 'analyst');
    const [{ email }] = (await db.query<{ email: string }>('select email from hearth.users where id = $1', [
      adminUser.id,
    ])) as [{ email: string }];
    await grantAdmin(db, email);
    admin = { id: adminUser.id, role: 'admin' };
    alice = await createTestUser(db, 'alice');
    const bob = await createTestUser(db, 'bob');
    for (const [user, n] of [
      [alice, 3],
      [bob, 1],
    ] as const) {
      await withUser(
        user,
        async (tx) => {
          const [companion] = await listCompanions(tx);
          const conversation = await createConversation(tx, {
            companionId: companion!.id,
            model: 'groq/llama-3.1-8b-instant',
            language: 'en-US',
            greeting: 'Hi',
          });
          for (let i = 0; i < n; i++) {
            const at = `${i === 0 ? day1 : day2}T10:0${i}:00Z`;
            await tx.query(
              `insert into hearth.messages (conversation_id, role, parts, created_at) values ($1, 'user', '[{"type":"text","text":"private words"}]', $2)`,
              [conversation.id, at],
            );
            await tx.query(
              `insert into hearth.messages (conversation_id, role, parts, status, model, input_tokens, output_tokens, ttft_ms, latency_ms, cost_usd, created_at)
             values ($1, 'assistant', '[{"type":"text","text":"private reply"}]', $2, 'groq/llama-3.1-8b-instant', 100, 50, $3, $4, 0.001, $5)`,
              [conversation.id, i === 2 ? 'error' : 'complete', 100 * (i + 1), 1000 * (i + 1), at],
            );
          }
        },
        db,
      );
    }
  });
  afterAll(() => db?.close());

  it('sums messages, tokens, cost, active users, errors and latency per model from the rollups', async () => {
    const a = await loadAnalytics(admin, { from: day1, to: day2 }, db);
    expect(a.totals).toEqual({
      messages: 8,
      replies: 4,
      errors: 1,
      errorRate: 0.25,
      inputTokens: 400,
      outputTokens: 200,
      costUsd: expect.closeTo(0.004, 9),
      activeUsers: 2,
    });
    expect(a.daily.map((d) => [d.day, d.messages, d.activeUsers])).toEqual([
      [day1, 4, 2],
      [day2, 4, 1],
    ]);
    expect(a.byModel.map((r) => [r.key, r.replies])).toEqual([['groq/llama-3.1-8b-instant', 4]]);
    expect(a.byProvider.map((r) => r.key)).toEqual(['groq']);
    expect(a.byCompanion).toHaveLength(1);
    const [latency] = a.latency;
    // TTFTs 100, 100, 200, 300 ms: the median bucket holds 100 ms, p95 the one holding 300 ms (within ~12%).
    expect(Math.abs(latency!.ttftP50! - 100) / 100).toBeLessThan(0.13);
    expect(Math.abs(latency!.ttftP95! - 300) / 300).toBeLessThan(0.13);
    expect(latency!.replies).toBe(4);
    const csv = analyticsCsv(a);
    expect(csv).toContain(`${day1},4,2,0,200,100,0.002000,2`);
    expect(csv).not.toContain('private');
  });

  it('picks up replies written after the last refresh', async () => {
    await loadAnalytics(admin, { from: day1, to: day2 }, db);
    await withUser(
      alice,
      async (tx) => {
        const [c] = await tx.query<{ id: string }>('select id from hearth.conversations limit 1');
        await tx.query(
          `insert into hearth.messages (conversation_id, role, parts, created_at) values ($1, 'user', '[]', $2)`,
          [c!.id, `${day2}T11:00:00Z`],
        );
      },
      db,
    );
    expect((await loadAnalytics(admin, { from: day1, to: day2 }, db)).totals.messages).toBe(9);
  });

  it('counts the stateless completions of api_usage too, under "No companion" when they had none', async () => {
    const day3 = `${year}-05-03`;
    await withUser(
      alice,
      (tx) =>
        tx.query(
          `insert into hearth.api_usage (model, status, input_tokens, output_tokens, cost_usd, created_at)
       values ('openai/gpt-4o-mini', 'complete', 10, 5, 0.5, $1), ('openai/gpt-4o-mini', 'error', 1, 0, 0, $1)`,
          [`${day3}T09:00:00Z`],
        ),
      db,
    );
    const a = await loadAnalytics(admin, { from: day3, to: day3 }, db);
    expect(a.totals).toMatchObject({
      replies: 2,
      errors: 1,
      inputTokens: 11,
      outputTokens: 5,
      costUsd: 0.5,
      activeUsers: 1,
    });
    expect(a.byCompanion.map((r) => [r.key, r.label])).toEqual([['none', 'No companion (API)']]);
    expect(a.byProvider.map((r) => r.key)).toEqual(['openai']);
  });

  it('is for admins only', async () => {
    const error = await loadAnalytics(alice, { from: day1, to: day2 }, db).catch((e: unknown) => e);
    expect(isHearthError(error) || (error as { code?: string }).code === '42501').toBe(true);
  });

  it('maps buckets back to milliseconds', () => {
    expect(bucketMs(0)).toBe(0);
    expect(bucketMs(20)).toBeGreaterThan(80);
  });
});
