import { streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import { openDatabase, type Database } from '@/lib/db';
import { listMessages, textOf } from '@/lib/conversations/messages';
import { withUser } from '@/lib/db/scope';
import { startConversation } from '@/lib/conversations/service';
import { startChatTurn } from '@/lib/chat/pipeline';
import { createTestUser } from '@/lib/testing/databases';
import { startOpenAICompatibleServer, type FakeProviderServer } from '@/lib/testing/fake-providers';
import { publicModelError } from './errors';
import { remoteProvider } from './providers';

const KEY = 'sk-errors-test-key-0042';

describe('what a person is told when a provider fails', () => {
  let server: FakeProviderServer;
  beforeAll(async () => {
    server = await startOpenAICompatibleServer({ apiKey: KEY });
  });
  afterAll(() => server?.close());

  async function failureOf(scenario: Parameters<FakeProviderServer['queue']>[0] | null, key = KEY): Promise<unknown> {
    if (scenario) server.queue(scenario);
    const model = remoteProvider('groq')!.create('llama-3.3-70b-versatile', {
      GROQ_API_KEY: key,
      GROQ_BASE_URL: server.url,
    });
    const result = streamText({ model, prompt: 'hi', maxRetries: 0 });
    for await (const part of result.stream) if (part.type === 'error') return part.error;
    throw new Error('the stream did not fail');
  }

  it('names the provider whose key was rejected, without the key', async () => {
    const message = publicModelError(await failureOf(null, 'sk-wrong-key-999999'), 'groq/llama-3.3-70b-versatile');
    expect(message).toBe(
      'Groq turned this server away, so it can’t answer right now. Pick another model, or let whoever runs this Hearth know.',
    );
    expect(message).not.toMatch(/API key|_KEY|\.env/);
  });

  it('surfaces the wait of a rate limit', async () => {
    const error = await failureOf({ error: { status: 429, retryAfterSeconds: 7 } });
    expect(publicModelError(error, 'groq/x')).toBe('Groq is busy (rate limited). Try again in 7 seconds.');
  });

  it('says a server error is on the provider’s side', async () => {
    const error = await failureOf({ error: { status: 503 } });
    expect(publicModelError(error, 'groq/x')).toBe('Groq had a problem on its side. Try again.');
  });
});

describe('a provider that never sends a first token', () => {
  let db: Database;
  let server: FakeProviderServer;
  beforeAll(async () => {
    db = await openDatabase({ memory: true });
    server = await startOpenAICompatibleServer({ apiKey: KEY });
    vi.stubEnv('MODEL_FIRST_TOKEN_TIMEOUT_MS', '300');
  });
  afterAll(async () => {
    await afterRepliesSettled();
    vi.unstubAllEnvs();
    await server?.close();
    await db?.close();
  });

  it('ends the reply as an error after the first-token timeout, not as streaming for ever', async () => {
    server.queue({ stall: true });
    const user = await createTestUser(db);
    const { id } = await startConversation(user, { companion: 'ada' }, db);
    const model = remoteProvider('openai')!.create('gpt-4o-mini', { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url });
    const turn = await startChatTurn(user, { action: 'send', conversationId: id, text: 'Hello?' }, { db, model });
    const reply = await turn.saved;
    expect(reply.status).toBe('error');
    const last = (await withUser(user, (tx) => listMessages(tx, id), db)).at(-1)!;
    expect(last.status).toBe('error');
    expect(textOf(last)).toBe('');
    expect(last.error).toContain('timed out');
    expect(publicModelError(new Error(last.error!), 'openai/gpt-4o-mini')).toBe(
      'OpenAI took too long to answer. Try again.',
    );
  }, 20_000);
});
