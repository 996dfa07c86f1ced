import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Env } from '@/lib/ai/providers';
import type { Database } from '@/lib/db';
import { listMessages, textOf } from '@/lib/conversations/messages';
import { withUser } from '@/lib/db/scope';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { startGeminiServer, startOpenAICompatibleServer, type FakeProviderServer } from '@/lib/testing/fake-providers';
import { startConversation } from '@/lib/conversations/service';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import { startChatTurn } from './pipeline';

/**
 * Falling back to the companion's next model, through the real providers against loopback
 * servers. The seeded companion "ada" answers with Gemini, then Groq, OpenAI and OpenRouter.
 */

const KEY = 'fallback-key-7c2d9e41';

describe.each(TEST_DATABASES)('model fallback on $name', ({ open }) => {
  let db: Database;
  let user: { id: string };
  let gemini: FakeProviderServer;
  let groq: FakeProviderServer;
  let env: Env;

  beforeAll(async () => {
    db = await open();
    user = await createTestUser(db, 'fallback');
    gemini = await startGeminiServer({ apiKey: KEY });
    groq = await startOpenAICompatibleServer({ apiKey: KEY, flavor: 'groq' });
    env = {
      GOOGLE_GENERATIVE_AI_API_KEY: KEY,
      GOOGLE_BASE_URL: gemini.url,
      GROQ_API_KEY: KEY,
      GROQ_BASE_URL: groq.url,
      MODEL_FIRST_TOKEN_TIMEOUT_MS: '300',
      // Memory extraction by model would ask the loopback servers too and use up their scripted answers.
      MEMORY_EXTRACTOR: 'rules',
    };
  });
  afterAll(async () => {
    await Promise.all([gemini?.close(), groq?.close()]);
    await afterRepliesSettled();
    await db?.close();
  });
  beforeEach(() => {
    for (const server of [gemini, groq]) {
      server.requests.length = 0;
      server.setScenario(undefined);
    }
  });

  /** One turn with ada on Gemini; returns the saved reply as stored. */
  async function turn(options: { model?: string } = {}) {
    const conversation = await startConversation(user, { companion: 'ada' }, db);
    await db.query('update hearth.conversations set model = $2 where id = $1', [
      conversation.id,
      'google/gemini-2.5-flash',
    ]);
    const started = await startChatTurn(
      user,
      { action: 'send', conversationId: conversation.id, text: 'Hello?', ...options },
      { db, env },
    );
    const reply = await started.saved;
    const stored = (await withUser(user, (tx) => listMessages(tx, conversation.id), db)).at(-1)!;
    return { started, reply, stored };
  }

  it('moves to the next model when the first answers 500 before any token, and records it', async () => {
    gemini.queue({ error: { status: 500 } });
    groq.queue({ text: 'Groq here, all good.' });
    const { started, stored } = await turn();
    expect(stored).toMatchObject({ status: 'complete', model: 'groq/llama-3.3-70b-versatile' });
    expect(textOf(stored)).toBe('Groq here, all good.');
    expect(stored.fallbacks).toEqual([
      { model: 'google/gemini-2.5-flash', error: expect.stringContaining('internal error') },
    ]);
    expect(started.model.id).toBe('groq/llama-3.3-70b-versatile');
    // No retries of the failed model when another is waiting.
    expect(gemini.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('moves on when the first model sends no token before the first-token timeout', async () => {
    gemini.queue({ stall: true });
    groq.queue({ text: 'Sorry for the wait.' });
    const { stored } = await turn();
    expect(stored).toMatchObject({ status: 'complete', model: 'groq/llama-3.3-70b-versatile' });
    expect(stored.fallbacks).toEqual([
      { model: 'google/gemini-2.5-flash', error: expect.stringContaining('timed out') },
    ]);
  });

  it('moves on when the connection drops before the first token', async () => {
    gemini.queue({ dropAfterChunks: 0 });
    groq.queue({ text: 'Still here.' });
    const { stored } = await turn();
    expect(stored).toMatchObject({ status: 'complete', model: 'groq/llama-3.3-70b-versatile' });
    expect(stored.fallbacks).toHaveLength(1);
  });

  it('does not switch models after tokens have started: the partial reply is kept as an error', async () => {
    gemini.queue({ text: 'Once upon a time there was', dropAfterChunks: 2 });
    const { stored } = await turn();
    expect(stored).toMatchObject({ status: 'error', model: 'google/gemini-2.5-flash', fallbacks: null });
    expect(textOf(stored)).toBe('Once upon ');
    expect(groq.requests).toHaveLength(0);
  });

  it('reports a rejected key or a rate limit instead of hiding it behind another model', async () => {
    gemini.queue({ error: { status: 429, retryAfterSeconds: 7 } });
    const limited = await turn();
    expect(limited.stored).toMatchObject({ status: 'error', model: 'google/gemini-2.5-flash', fallbacks: null });
    expect(groq.requests).toHaveLength(0);
  }, 20_000);

  it('uses a model asked for this one message, and refuses one that is not configured', async () => {
    groq.queue({ text: 'Asked for by name.' });
    const { stored } = await turn({ model: 'groq/llama-3.1-8b-instant' });
    expect(stored).toMatchObject({ status: 'complete', model: 'groq/llama-3.1-8b-instant' });
    expect(groq.requests[0]!.model).toBe('llama-3.1-8b-instant');
    await expect(turn({ model: 'openai/gpt-4o-mini' })).rejects.toMatchObject({
      type: 'provider_not_configured',
      message: expect.stringContaining('OPENAI_API_KEY'),
    });
  });
});
