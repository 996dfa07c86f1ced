import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAdmin } from '@/lib/auth/grant-admin';
import { listCompanions } from '@/lib/companions/queries';
import { createConversation } from '@/lib/conversations/queries';
import { rateReply } from '@/lib/conversations/ratings';
import type { Database } from '@/lib/db';
import { withUser } from '@/lib/db/scope';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { analyticsCsv, loadAnalytics } from './analytics';

describe.each(TEST_DATABASES)('reply ratings in the analytics on $name', ({ open }) => {
  let db: Database;
  let admin: { id: string; role: 'admin' };
  let alice: { id: string };
  let companions: { id: string; name: string }[];
  // Replies dated in a year of their own, so other tests' ratings stay out of the range.
  const year = 2100 + Math.floor(Math.random() * 800);
  const day = (d: number) => `${year}-07-0${d}`;
  const replies: Record<string, string> = {};

  /** A reply of `user` to a companion, written on `date` by `model`. */
  async function reply(user: { id: string }, companionId: string, model: string, date: string) {
    return withUser(
      user,
      async (tx) => {
        const conversation = await createConversation(tx, { companionId, model, language: 'en-US', greeting: 'Hi' });
        const [row] = await tx.query<{ id: string }>(
          `insert into hearth.messages (conversation_id, role, parts, status, model, created_at)
           values ($1, 'assistant', '[{"type":"text","text":"private reply"}]', 'complete', $2, $3) returning id`,
          [conversation.id, model, `${date}T12:00:00Z`],
        );
        return row!.id;
      },
      db,
    );
  }

  beforeAll(async () => {
    db = await open();
    const adminUser = await createTestUser(db, 'ratings-admin');
    const [{ email }] = (await db.query<{ email: string }>('select email from hearth.users where id = $1', [
      adminUser.id,
    ])) as [{ email: string }];
    await grantAdmin(db, email);
    admin = { id: adminUser.id, role: 'admin' };
    alice = await createTestUser(db, 'alice');
    const bob = await createTestUser(db, 'bob');
    companions = (await withUser(alice, (tx) => listCompanions(tx), db)).slice(0, 2);
    const [first, second] = [companions[0]!, companions[1]!];
    const groq = 'groq/llama-3.1-8b-instant';
    const gemini = 'google/gemini-2.5-flash';
    replies.a = await reply(alice, first.id, groq, day(1));
    replies.b = await reply(bob, first.id, groq, day(1));
    replies.c = await reply(alice, first.id, gemini, day(2));
    replies.d = await reply(bob, second.id, gemini, day(2));
    replies.unrated = await reply(alice, second.id, groq, day(2));
    replies.outside = await reply(alice, second.id, groq, day(5));
    await rateReply(alice, { messageId: replies.a, rating: 1 }, db);
    await rateReply(bob, { messageId: replies.b, rating: 1 }, db);
    await rateReply(alice, { messageId: replies.c, rating: -1 }, db);
    await rateReply(bob, { messageId: replies.d, rating: 1 }, db);
    await rateReply(alice, { messageId: replies.outside, rating: -1 }, db);
  });
  afterAll(() => db?.close());

  it('counts thumbs up and down, and the share positive, per companion and per model in the range', async () => {
    const { ratings } = await loadAnalytics(admin, { from: day(1), to: day(3) }, db);
    const [first, second] = [companions[0]!, companions[1]!];
    expect(ratings.byCompanion).toEqual([
      { key: first.id, label: first.name, up: 2, down: 1, positiveRate: 2 / 3 },
      { key: second.id, label: second.name, up: 1, down: 0, positiveRate: 1 },
    ]);
    expect(ratings.byModel).toEqual([
      { key: 'google/gemini-2.5-flash', label: 'google/gemini-2.5-flash', up: 1, down: 1, positiveRate: 0.5 },
      { key: 'groq/llama-3.1-8b-instant', label: 'groq/llama-3.1-8b-instant', up: 2, down: 0, positiveRate: 1 },
    ]);
    const csv = analyticsCsv(await loadAnalytics(admin, { from: day(1), to: day(3) }, db));
    expect(csv).toContain('# Ratings by model\r\nmodel,thumbs_up,thumbs_down,positive_rate\r\n');
    expect(csv).toContain('google/gemini-2.5-flash,1,1,0.5000');
    expect(csv).not.toContain('private');
  });

  it('shows a rating given or changed after the dashboard last loaded, on a reply from days before', async () => {
    await loadAnalytics(admin, { from: day(1), to: day(3) }, db);
    await rateReply(alice, { messageId: replies.unrated!, rating: -1 }, db);
    await rateReply(alice, { messageId: replies.a!, rating: null }, db);
    const { ratings } = await loadAnalytics(admin, { from: day(1), to: day(3) }, db);
    const groq = ratings.byModel.find((r) => r.key === 'groq/llama-3.1-8b-instant');
    expect(groq).toMatchObject({ up: 1, down: 1, positiveRate: 0.5 });
    await rateReply(alice, { messageId: replies.unrated!, rating: null }, db);
    await rateReply(alice, { messageId: replies.a!, rating: 1 }, db);
  });

  it('refuses the counts to anyone but an admin, even through raw SQL', async () => {
    const error = await withUser(
      alice,
      (tx) => tx.query('select * from hearth.reply_rating_counts($1::date, $2::date)', [day(1), day(3)]),
      db,
    ).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('42501');
  });
});
