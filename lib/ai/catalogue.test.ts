import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import { openDatabase, type Database } from '@/lib/db';
import { listMessages } from '@/lib/conversations/messages';
import { withUser } from '@/lib/db/scope';
import { startConversation } from '@/lib/conversations/service';
import { startChatTurn } from '@/lib/chat/pipeline';
import { createTestUser } from '@/lib/testing/databases';
import { startGeminiServer, startOpenAICompatibleServer, type FakeProviderServer } from '@/lib/testing/fake-providers';
import { CATALOGUE, costUsd } from './catalogue';
import { resetLiveModelCache } from './model-lists';
import { listModels, resolveModel } from './registry';

const persona = { name: 'T', greeting: 'hi', specialties: [], languages: ['en-US' as const] };

describe('the model catalogue', () => {
  it('prices a reply from its usage, and knows nothing of unknown models or missing usage', () => {
    expect(costUsd('openai/gpt-4o-mini', { inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBeCloseTo(0.75);
    expect(costUsd('offline/hearth-demo', { inputTokens: 500, outputTokens: 80 })).toBe(0);
    expect(costUsd('openai/some-new-model', { inputTokens: 1, outputTokens: 1 })).toBeNull();
    expect(costUsd('openai/gpt-4o-mini', {})).toBeNull();
  });

  it('lists every model once, available only when its provider is configured, with the reason', async () => {
    expect(new Set(CATALOGUE.map((m) => m.id)).size).toBe(CATALOGUE.length);
    // Groq's live list cannot be fetched from the closed port: the curated entries still show.
    const env = { GROQ_API_KEY: 'k', GROQ_BASE_URL: 'http://127.0.0.1:9/openai/v1' };
    const models = Object.fromEntries((await listModels(env)).map((m) => [m.id, m]));
    expect(models['groq/llama-3.3-70b-versatile']).toMatchObject({
      provider: 'groq',
      available: true,
      unavailableReason: null,
    });
    expect(models['google/gemini-2.5-flash']).toMatchObject({
      available: false,
      unavailableReason: expect.stringContaining('GOOGLE_GENERATIVE_AI_API_KEY'),
    });
    expect(models['offline/hearth-demo']!.available).toBe(true);
  });

  it("merges OpenRouter's live list in, then prices and sizes its models from it", async () => {
    const openrouter = await startOpenAICompatibleServer({
      flavor: 'openrouter',
      models: [
        {
          id: 'acme/sparrow-8b',
          name: 'Acme: Sparrow 8B',
          context_length: 65_536,
          pricing: { prompt: '0.000001', completion: '0.000004' },
        },
      ],
    });
    try {
      resetLiveModelCache();
      const env = { OPENROUTER_API_KEY: 'k', OPENROUTER_BASE_URL: openrouter.url };
      const listed = (await listModels(env)).find((m) => m.id === 'openrouter/acme/sparrow-8b');
      expect(listed).toMatchObject({ provider: 'openrouter', available: true, contextWindow: 65_536 });
      expect(resolveModel('openrouter/acme/sparrow-8b', { persona, language: 'en-US' }, env).contextWindow).toBe(
        65_536,
      );
      expect(costUsd('openrouter/acme/sparrow-8b', { inputTokens: 1_000_000, outputTokens: 500_000 })).toBeCloseTo(3);
    } finally {
      resetLiveModelCache();
      await openrouter.close();
    }
  });

  it("gives the registry each model's context window", () => {
    const context = { persona, language: 'en-US' as const };
    expect(resolveModel('groq/llama-3.1-8b-instant', context, { GROQ_API_KEY: 'k' }).contextWindow).toBe(131_072);
    expect(resolveModel('groq/unlisted-model', context, { GROQ_API_KEY: 'k' }).contextWindow).toBe(32_000);
  });
});

describe('a conversation on a configured provider', () => {
  let db: Database;
  let gemini: FakeProviderServer;
  beforeAll(async () => {
    db = await openDatabase({ memory: true });
    gemini = await startGeminiServer({ apiKey: 'gemini-test-key-1234' });
    vi.stubEnv('GOOGLE_GENERATIVE_AI_API_KEY', 'gemini-test-key-1234');
    vi.stubEnv('GOOGLE_BASE_URL', gemini.url);
  });
  afterAll(async () => {
    await afterRepliesSettled();
    vi.unstubAllEnvs();
    await gemini?.close();
    await db?.close();
  });

  it('starts on a model asked for, and refuses one whose provider is not configured', async () => {
    const user = await createTestUser(db);
    const chosen = await startConversation(user, { companion: 'ada', model: 'google/gemini-2.5-pro' }, db);
    expect(chosen.model).toBe('google/gemini-2.5-pro');
    await expect(
      startConversation(user, { companion: 'ada', model: 'groq/llama-3.1-8b-instant' }, db),
    ).rejects.toMatchObject({
      code: 'provider_not_configured',
      message: expect.stringContaining('GROQ_API_KEY'),
    });
  });

  it("takes the companion's default model and saves the reply's cost", async () => {
    const user = await createTestUser(db);
    const conversation = await startConversation(user, { companion: 'ada' }, db);
    expect(conversation.model).toBe('google/gemini-2.5-flash');
    gemini.queue({ text: 'Hello from Gemini.', usage: { inputTokens: 1000, outputTokens: 500 } });
    const turn = await startChatTurn(user, { action: 'send', conversationId: conversation.id, text: 'hi' }, { db });
    expect(turn.model.id).toBe('google/gemini-2.5-flash');
    expect(await turn.saved).toMatchObject({ status: 'complete', text: 'Hello from Gemini.' });
    const reply = (await withUser(user, (tx) => listMessages(tx, conversation.id), db)).at(-1)!;
    expect(reply).toMatchObject({ model: 'google/gemini-2.5-flash', inputTokens: 1000, outputTokens: 500 });
    expect(reply.costUsd).toBeCloseTo((1000 * 0.3 + 500 * 2.5) / 1_000_000, 10);
  });
});
