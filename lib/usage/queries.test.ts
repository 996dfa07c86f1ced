import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db';
import { listCompanions } from '@/lib/companions/queries';
import { createConversation } from '@/lib/conversations/queries';
import { finishReplyStatement, insertMessage, startReplyStatement } from '@/lib/conversations/messages';
import { runStatement } from '@/lib/db/statement';
import { withUser } from '@/lib/db/scope';
import { usageGroups, usageTotals } from '@/lib/usage/queries';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';

type Reply = {
  model: string;
  input: number;
  output: number;
  cost: number | null;
  ttft: number;
  latency: number;
  at: string;
};

describe.each(TEST_DATABASES)('usage on $name', ({ open }) => {
  let db: Database;
  let alice: { id: string };
  let bob: { id: string };
  let slugs: [string, string];
  const range = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-04T00:00:00Z') };

  /** A conversation with one reply per entry, each finished and then dated `at`. */
  async function converse(user: { id: string }, companion: 0 | 1, replies: Reply[]) {
    await withUser(
      user,
      async (tx) => {
        const companions = await listCompanions(tx);
        const { id } = await createConversation(tx, {
          companionId: companions[companion]!.id,
          model: 'offline/hearth-demo',
          language: 'en-US',
          greeting: 'hi',
        });
        for (const r of replies) {
          await insertMessage(tx, { conversationId: id, role: 'user', text: 'question', status: 'complete' });
          const reply = crypto.randomUUID();
          await runStatement(tx, startReplyStatement({ id: reply, conversationId: id, model: r.model }));
          await runStatement(
            tx,
            finishReplyStatement(reply, {
              text: 'answer',
              status: 'complete',
              inputTokens: r.input,
              outputTokens: r.output,
              costUsd: r.cost,
              ttftMs: r.ttft,
              latencyMs: r.latency,
            }),
          );
          await tx.query('update hearth.messages set created_at = $2 where id = $1', [reply, r.at]);
        }
      },
      db,
    );
  }

  beforeAll(async () => {
    db = await open();
    alice = await createTestUser(db, 'alice');
    bob = await createTestUser(db, 'bob');
    const companions = await withUser(alice, listCompanions, db);
    slugs = [companions[0]!.slug, companions[1]!.slug];
    await converse(alice, 0, [
      {
        model: 'openai/gpt-4o-mini',
        input: 100,
        output: 50,
        cost: 0.01,
        ttft: 100,
        latency: 1000,
        at: '2026-03-01T10:00:00Z',
      },
      {
        model: 'openai/gpt-4o-mini',
        input: 200,
        output: 60,
        cost: 0.02,
        ttft: 200,
        latency: 2000,
        at: '2026-03-02T23:59:00Z',
      },
      // Outside the range: before it, and exactly at its (exclusive) end.
      {
        model: 'openai/gpt-4o-mini',
        input: 9000,
        output: 9000,
        cost: 9,
        ttft: 9000,
        latency: 9000,
        at: '2026-02-28T23:59:59Z',
      },
      {
        model: 'openai/gpt-4o-mini',
        input: 9000,
        output: 9000,
        cost: 9,
        ttft: 9000,
        latency: 9000,
        at: '2026-03-04T00:00:00Z',
      },
    ]);
    await converse(alice, 1, [
      {
        model: 'offline/hearth-demo',
        input: 10,
        output: 20,
        cost: null,
        ttft: 300,
        latency: 600,
        at: '2026-03-02T08:00:00Z',
      },
      {
        model: 'offline/hearth-demo',
        input: 30,
        output: 40,
        cost: null,
        ttft: 400,
        latency: 800,
        at: '2026-03-03T08:00:00Z',
      },
    ]);
    await converse(bob, 0, [
      {
        model: 'openai/gpt-4o-mini',
        input: 5000,
        output: 5000,
        cost: 5,
        ttft: 5000,
        latency: 5000,
        at: '2026-03-02T12:00:00Z',
      },
    ]);
  });
  afterAll(() => db?.close());

  it("totals the caller's replies in the range, never the greetings or anyone else's", async () => {
    const totals = await withUser(alice, (tx) => usageTotals(tx, range), db);
    expect(totals).toEqual({
      messages: 4,
      inputTokens: 340,
      outputTokens: 170,
      costUsd: expect.closeTo(0.03, 10),
      avgLatencyMs: 1100,
      // percentile_cont over 100, 200, 300, 400: 300 + 0.85 * 100.
      p95TtftMs: 385,
    });
  });

  it('groups by UTC day, model and companion', async () => {
    const groups = (by: 'day' | 'model' | 'companion') => withUser(alice, (tx) => usageGroups(tx, range, by), db);
    expect(await groups('day')).toEqual([
      { key: '2026-03-01', messages: 1, inputTokens: 100, outputTokens: 50, costUsd: 0.01 },
      { key: '2026-03-02', messages: 2, inputTokens: 210, outputTokens: 80, costUsd: 0.02 },
      { key: '2026-03-03', messages: 1, inputTokens: 30, outputTokens: 40, costUsd: 0 },
    ]);
    expect(await groups('model')).toEqual([
      {
        key: 'openai/gpt-4o-mini',
        messages: 2,
        inputTokens: 300,
        outputTokens: 110,
        costUsd: expect.closeTo(0.03, 10),
      },
      { key: 'offline/hearth-demo', messages: 2, inputTokens: 40, outputTokens: 60, costUsd: 0 },
    ]);
    expect(await groups('companion')).toEqual([
      { key: slugs[0], messages: 2, inputTokens: 300, outputTokens: 110, costUsd: expect.closeTo(0.03, 10) },
      { key: slugs[1], messages: 2, inputTokens: 40, outputTokens: 60, costUsd: 0 },
    ]);
  });

  it('answers zeros and nulls for a range without replies', async () => {
    const empty = { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2025-01-02T00:00:00Z') };
    expect(await withUser(alice, (tx) => usageTotals(tx, empty), db)).toEqual({
      messages: 0,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      avgLatencyMs: null,
      p95TtftMs: null,
    });
    expect(await withUser(alice, (tx) => usageGroups(tx, empty, 'model'), db)).toEqual([]);
  });

  it('shows the other user only their own reply', async () => {
    expect(await withUser(bob, (tx) => usageTotals(tx, range), db)).toMatchObject({
      messages: 1,
      inputTokens: 5000,
      costUsd: 5,
    });
  });
});
