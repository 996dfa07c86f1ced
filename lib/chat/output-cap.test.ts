import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Env } from '@/lib/ai/providers';
import type { Database } from '@/lib/db';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { startOpenAICompatibleServer, type FakeProviderServer } from '@/lib/testing/fake-providers';
import { afterRepliesSettled } from './after-reply';
import { startCompletion } from './completion';
import { startConversation } from '@/lib/conversations/service';
import { DEFAULT_MAX_OUTPUT_TOKENS, replyOutputCap } from './output-cap';
import { startChatTurn } from './pipeline';

describe('a reply’s max output tokens', () => {
  it('is the smallest of the persona’s, the model’s own, the request’s and the server’s', () => {
    const ceiling = DEFAULT_MAX_OUTPUT_TOKENS;
    expect(replyOutputCap({ ceiling }, 'groq/llama-3.3-70b-versatile')).toBe(8_192);
    expect(replyOutputCap({ ceiling: 100_000 }, 'groq/llama-3.3-70b-versatile')).toBe(32_768);
    expect(replyOutputCap({ ceiling, requested: 999_999_999 }, 'openai/gpt-4o-mini')).toBe(8_192);
    expect(replyOutputCap({ ceiling, requested: 300, persona: 200 }, 'openai/gpt-4o-mini')).toBe(200);
    expect(replyOutputCap({ ceiling, requested: 100, persona: 200 }, 'openai/gpt-4o-mini')).toBe(100);
    expect(replyOutputCap({ ceiling, persona: null, requested: null }, 'offline/hearth-demo')).toBe(1_024);
    // A model the catalogue does not know is capped by the rest.
    expect(replyOutputCap({ ceiling: 500 }, 'openrouter/some/unknown-model')).toBe(500);
  });
});

/** What the loopback provider was asked to write at most, as each request carried it. */
const askedFor = (server: FakeProviderServer) =>
  server.requests
    .filter((r) => r.method === 'POST' && r.path.endsWith('/chat/completions'))
    .map((r) => {
      const body = r.body as { max_tokens?: number; max_completion_tokens?: number };
      return body.max_tokens ?? body.max_completion_tokens;
    });

describe.each(TEST_DATABASES)('output caps reaching the provider on $name', ({ open }) => {
  const KEY = 'output-cap-key-5b1e';
  let db: Database;
  let groq: FakeProviderServer;
  let user: { id: string; role: 'user' };
  let env: Env;

  beforeAll(async () => {
    db = await open();
    user = { ...(await createTestUser(db, 'capped')), role: 'user' };
    groq = await startOpenAICompatibleServer({ apiKey: KEY, flavor: 'groq' });
    env = { GROQ_API_KEY: KEY, GROQ_BASE_URL: groq.url, MEMORY_EXTRACTOR: 'rules' };
  });
  afterAll(async () => {
    await groq?.close();
    await afterRepliesSettled();
    await db?.close();
  });
  beforeEach(() => {
    groq.requests.length = 0;
  });

  it('clamps chat/completions’ max_tokens to the server’s ceiling, then to the model’s own cap', async () => {
    const ask = async (request: { max_tokens?: number; max_completion_tokens?: number }, extra: Env = {}) => {
      const completion = await startCompletion(
        user,
        { model: 'groq/llama-3.3-70b-versatile', messages: [{ role: 'user', content: 'Hi' }], ...request },
        { db, env: { ...env, ...extra } },
      );
      await completion.saved;
    };
    await ask({ max_tokens: 999_999_999 });
    await ask({ max_completion_tokens: 999_999_999 }, { MAX_OUTPUT_TOKENS: '1000000' });
    await ask({ max_tokens: 64 });
    await ask({});
    expect(askedFor(groq)).toEqual([8_192, 32_768, 64, 8_192]);
  });

  it('applies the persona’s max output tokens to the web chat’s turns and to its companion on chat/completions', async () => {
    // A companion of this test's own: a server database is shared with the other test files.
    const slug = `capped-${crypto.randomUUID().slice(0, 8)}`;
    await db.query(
      `insert into hearth.companions
       select (jsonb_populate_record(null::hearth.companions, to_jsonb(c) || jsonb_build_object(
         'id', gen_random_uuid(), 'slug', $1::text, 'name', 'Capped ' || $1::text, 'max_output_tokens', 77,
         'default_model', 'groq/llama-3.3-70b-versatile', 'fallback_models', '[]'::jsonb))).*
         from hearth.companions c where c.slug = 'marcus'`,
      [slug],
    );
    const conversation = await startConversation(user, { companion: slug }, db);
    await db.query('update hearth.conversations set model = $2 where id = $1', [
      conversation.id,
      'groq/llama-3.3-70b-versatile',
    ]);
    const turn = await startChatTurn(
      user,
      { action: 'send', conversationId: conversation.id, text: 'Tell me everything.' },
      { db, env },
    );
    await turn.saved;
    const completion = await startCompletion(
      user,
      { model: `companion/${slug}`, messages: [{ role: 'user', content: 'Hi' }], max_tokens: 5_000 },
      { db, env },
    );
    await completion.saved;
    expect(askedFor(groq)).toEqual([77, 77]);
  });
});
