import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftConversationId } from '@/lib/conversations/draft';
import { startConversation } from '@/lib/conversations/service';
import { getConversationWithCompanion } from '@/lib/conversations/queries';
import { insertMessage, listHistory } from '@/lib/conversations/messages';
import { openDatabase, type Database } from '@/lib/db';
import { withUser, type UserScope } from '@/lib/db/scope';
import { putPersona } from '@/lib/profile/persona-queries';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { countThrough } from '@/lib/testing/pg-wire-counter';
import { complete, scripted } from '@/lib/testing/scripted-model';
import { afterRepliesSettled } from './after-reply';
import { startChatTurn } from './pipeline';
import { insertMemory, memoryCandidates } from '@/lib/memory/queries';
import { readStoredTurn, readTurnAndRecall } from './turn-read';

/**
 * The turn's one-statement read (hearth.turn_read) restates in SQL what the app's own queries
 * read: the two must agree, field for field, or a companion field added to one is missing from
 * every chat turn.
 */
describe.each(TEST_DATABASES)('the turn read on $name', ({ open }) => {
  let db: Database;
  let user: UserScope;
  let stranger: UserScope;
  let conversationId: string;

  beforeAll(async () => {
    db = await open();
    user = await createTestUser(db, 'turn-read');
    stranger = await createTestUser(db, 'turn-read-stranger');
    conversationId = (await startConversation(user, { companion: 'lucia' }, db)).id;
    await withUser(
      user,
      async (tx) => {
        const companionId = (await getConversationWithCompanion(tx, conversationId))!.companion.id;
        await putPersona(tx, companionId, { name: 'Sam', pronouns: 'they/them', about: 'Bakes bread.' });
        await insertMemory(
          tx,
          {
            kind: 'fact',
            subject: 'hobby',
            content: 'Sam bakes sourdough bread on Sundays',
            importance: 3,
            eventDate: null,
            general: false,
          },
          { companionId, messageId: null, conversationId },
        );
        await insertMessage(tx, { conversationId, role: 'user', text: 'Hello there', status: 'complete' });
        await insertMessage(tx, { conversationId, role: 'assistant', text: 'Hi Sam!', status: 'complete' });
        await insertMessage(tx, {
          conversationId,
          role: 'user',
          text: 'Look at this',
          status: 'complete',
          parts: [
            { type: 'text', text: 'Look ' },
            { type: 'file', mediaType: 'image/png', url: '/api/v1/uploads/x' },
            { type: 'text', text: 'at this' },
          ],
        });
      },
      db,
    );
  });
  afterAll(async () => {
    await db?.close();
  });

  const bothReads = (limit: number) =>
    withUser(
      user,
      async (tx) => {
        const apart = (await getConversationWithCompanion(tx, conversationId))!;
        return {
          together: await readStoredTurn(tx, conversationId, limit),
          apart: {
            ...apart,
            history: await listHistory(tx, conversationId, limit, { afterSeq: apart.summary.throughSeq }),
          },
        };
      },
      db,
    );

  it('reads what the conversation, persona and history queries read', async () => {
    const { together, apart } = await bothReads(200);
    expect(together).toEqual(apart);
    expect(together!.person).toEqual({ name: 'Sam', pronouns: 'they/them', about: 'Bakes bread.' });
    expect(together!.history.map((m) => m.text)).toEqual([
      apart.history[0]!.text,
      'Hello there',
      'Hi Sam!',
      'Look at this',
    ]);
    expect(together!.history.at(-1)!.hasFiles).toBe(true);
  });

  it('keeps the newest messages within the limit, oldest first, and none for a limit of 0', async () => {
    const { together, apart } = await bothReads(2);
    expect(together!.history.map((m) => m.text)).toEqual(['Hi Sam!', 'Look at this']);
    expect(together!.history).toEqual(apart.history);
    expect((await withUser(user, (tx) => readStoredTurn(tx, conversationId, 0), db))!.history).toEqual([]);
  });

  it('reads nothing of another person’s conversation', async () => {
    expect(await withUser(stranger, (tx) => readStoredTurn(tx, conversationId, 200), db)).toBeNull();
  });

  it('reads the same turn, and the memory candidates, in one round trip', async () => {
    const terms = ['sourdough', 'sundays'];
    const apart = await withUser(
      user,
      async (tx) => {
        const stored = (await readStoredTurn(tx, conversationId, 200))!;
        return { stored, candidates: await memoryCandidates(tx, { companionId: stored.companion.id, terms }) };
      },
      db,
    );
    const together = await readTurnAndRecall(user, conversationId, 200, terms, db);
    expect(together).toEqual(apart);
    expect(together.candidates.map((m) => m.content)).toContain('Sam bakes sourdough bread on Sundays');
    expect(await readTurnAndRecall(user, conversationId, 2, null, db)).toEqual({
      stored: await withUser(user, (tx) => readStoredTurn(tx, conversationId, 2), db),
      candidates: [],
    });
  });

  it('is planned once per connection, not on every turn', async () => {
    // Without this the database planned both queries again on every call (migration 20261213020000).
    const rows = await db.query<{ name: string; config: string[] | null }>(
      `select proname as name, proconfig as config from pg_proc
        where pronamespace = 'hearth'::regnamespace and proname in ('turn_read', 'memory_candidates') order by proname`,
    );
    expect(rows).toEqual([
      { name: 'memory_candidates', config: expect.arrayContaining(['plan_cache_mode=force_generic_plan']) },
      { name: 'turn_read', config: expect.arrayContaining(['plan_cache_mode=force_generic_plan']) },
    ]);
  });

  it('reads nothing of another person’s conversation or memories in one round trip either', async () => {
    expect(await readTurnAndRecall(stranger, conversationId, 200, ['sourdough'], db)).toEqual({
      stored: null,
      candidates: [],
    });
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('round trips before the model, on PostgreSQL', () => {
  it('reads a message to a stored conversation in one round trip, memories included, and writes it in one', async () => {
    const counter = await countThrough(process.env.TEST_DATABASE_URL!);
    const db = await openDatabase({ url: counter.url });
    try {
      const user = await createTestUser(db, 'turn-trips');
      const conversationId = (await startConversation(user, { companion: 'lucia' }, db)).id;
      let tripsBeforeModel = -1;
      const { promise: handedOver, resolve: handOver } = Promise.withResolvers<void>();
      // The model answers only once the turn is handed over, so nothing of the reply's save is counted.
      const model = scripted(complete('Hello '), async () => {
        tripsBeforeModel = counter.counts.roundTrips;
        await handedOver;
      });
      counter.counts.roundTrips = 0;
      const turn = await startChatTurn(
        user,
        { action: 'send', conversationId, text: 'Tell me about sourdough' },
        { db, model, env: { MEMORY_TOKEN_BUDGET: '600' } },
      );
      const tripsToHandOver = counter.counts.roundTrips;
      handOver();
      await turn.saved;
      expect(tripsBeforeModel).toBe(1);
      // The writes (the message, the empty reply, the conversation moved up) are one more.
      expect(tripsToHandOver).toBe(2);

      // A draft's first message finds no stored conversation on the first trip, and does not ask again.
      const draft = crypto.randomUUID();
      counter.counts.statements.length = 0;
      const first = await startChatTurn(
        user,
        {
          action: 'send',
          conversationId: draftConversationId(user.id, draft),
          text: 'Hello from a draft',
          start: { draft, companion: 'lucia', language: 'en-US' },
        },
        { db, model: scripted(complete('Hi ')), env: { MEMORY_TOKEN_BUDGET: '600' } },
      );
      await first.saved;
      expect(counter.counts.statements.filter((sql) => sql.includes('hearth.turn_read(')).length).toBe(1);
    } finally {
      await afterRepliesSettled();
      await db.close();
      await counter.close();
    }
  });
});
