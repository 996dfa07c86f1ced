import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Env } from '@/lib/ai/providers';
import { resolveModel } from '@/lib/ai/registry';
import { afterReply } from '@/lib/chat/after-reply';
import { startConversation } from '@/lib/conversations/service';
import type { Database } from '@/lib/db';
import { listMemories } from '@/lib/memory/queries';
import { insertMessage, type FinishedReply } from '@/lib/conversations/messages';
import { withUser } from '@/lib/db/scope';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { startOpenAICompatibleServer, type FakeProviderServer } from '@/lib/testing/fake-providers';
import { changesByModel } from './extract';
import { rememberExchange } from './remember';
import { summarize } from './summary';

/**
 * Memory extraction and rolling summaries call a model after the reply: against a loopback
 * provider, they give up after MEMORY_MODEL_TIMEOUT_MS (the rules and excerpts stand in), their
 * usage counts into the person's daily budget, and past that budget they do not call the model.
 */
const KEY = 'memory-spend-key-3f9a';
const MODEL = 'groq/llama-3.3-70b-versatile';

describe.each(TEST_DATABASES)('memory work’s model calls on $name', ({ open }) => {
  let db: Database;
  let groq: FakeProviderServer;
  let env: Env;
  let companionId: string;

  beforeAll(async () => {
    db = await open();
    groq = await startOpenAICompatibleServer({ apiKey: KEY, flavor: 'groq' });
    env = { GROQ_API_KEY: KEY, GROQ_BASE_URL: groq.url };
    companionId = (await db.query<{ id: string }>("select id from hearth.companions where slug = 'marcus'"))[0]!.id;
  });
  afterAll(async () => {
    await groq?.close();
    await db?.close();
  });
  beforeEach(() => {
    groq.requests.length = 0;
    groq.setScenario(undefined);
  });

  const model = () =>
    resolveModel(
      MODEL,
      { persona: { name: 'Marcus', greeting: 'Hi', specialties: [], languages: ['en-US'] }, language: 'en-US' },
      env,
    );
  const spentToday = async (userId: string) =>
    Number(
      (
        await db.query<{ tokens: string }>(
          "select tokens::text from hearth.spend_daily where user_id = $1 and day = (now() at time zone 'UTC')::date",
          [userId],
        )
      )[0]?.tokens ?? 0,
    );

  async function setUp(text: string) {
    const user = { ...(await createTestUser(db, 'memory-spend')), role: 'user' as const };
    const conversationId = (await startConversation(user, { companion: 'marcus' }, db)).id;
    const messageId = await withUser(
      user,
      (tx) => insertMessage(tx, { conversationId, role: 'user', text, status: 'complete' }),
      db,
    );
    return {
      user,
      conversationId,
      exchange: {
        companionId,
        conversationId,
        userMessage: { id: messageId, text },
        reply: 'How nice!',
        usedMemoryIds: [],
      },
    };
  }

  it('gives up on an extraction model that never answers after the timeout, and the rules stand in', async () => {
    groq.setScenario({ stall: true });
    const { user, exchange } = await setUp('I moved to Rotterdam.');
    const started = performance.now();
    await expect(
      changesByModel(model().model, { ...exchange, shared: false }, [], { timeoutMs: 300 }),
    ).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(5_000);

    const again = performance.now();
    await rememberExchange(user, { ...exchange, model: model().model, modelId: MODEL, timeoutMs: 300 }, db);
    expect(performance.now() - again).toBeLessThan(5_000);
    const memories = await withUser(user, (tx) => listMemories(tx, companionId), db);
    expect(memories.map((m) => m.content)).toEqual(['Lives in Rotterdam.']);
    expect(await spentToday(user.id)).toBe(0);
  });

  it('gives up on a summary model that never answers after the timeout', async () => {
    groq.setScenario({ stall: true });
    const started = performance.now();
    const folded = [{ id: crypto.randomUUID(), role: 'user' as const, text: 'We talked about the sea.', seq: '1' }];
    await expect(summarize(null, folded, model().model, { timeoutMs: 300 })).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('counts what extraction by model used into the person’s day', async () => {
    groq.setScenario({ text: JSON.stringify({ changes: [] }), usage: { inputTokens: 50, outputTokens: 10 } });
    const { user, exchange } = await setUp('Nothing much today.');
    await rememberExchange(user, { ...exchange, model: model().model, modelId: MODEL, timeoutMs: 5_000 }, db);
    expect(groq.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(await spentToday(user.id)).toBe(60);
  });

  it('does not call the model past the day’s budget: the rules learn instead', async () => {
    const { user, conversationId, exchange } = await setUp('I moved to Rotterdam.');
    await db.query('select hearth.add_spend($1, 1000, 0)', [user.id]);
    const reply = { text: 'How exciting!', status: 'complete', latencyMs: 1 } as FinishedReply;
    await afterReply(
      user,
      {
        saved: Promise.resolve(reply),
        answeredBy: model,
        conversationId,
        companionId,
        userMessage: exchange.userMessage,
        usedMemoryIds: [],
        summary: { text: null, throughSeq: '0' },
        history: [{ text: exchange.userMessage.text }],
        extractor: 'model',
        env: { ...env, BUDGET_TOKENS_PER_DAY_USER: '1000' },
      },
      db,
    );
    expect(groq.requests.filter((r) => r.method === 'POST')).toEqual([]);
    const memories = await withUser(user, (tx) => listMemories(tx, companionId), db);
    expect(memories.map((m) => m.content)).toEqual(['Lives in Rotterdam.']);
  });
});
