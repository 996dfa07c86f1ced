import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { remoteProvider } from '@/lib/ai/providers';
import type { Database } from '@/lib/db';
import { listMessages, textOf } from '@/lib/conversations/messages';
import { withUser } from '@/lib/db/scope';
import { startConversation } from '@/lib/conversations/service';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { startOpenAICompatibleServer, type FakeProviderServer } from '@/lib/testing/fake-providers';
import { afterRepliesSettled } from './after-reply';
import { startChatTurn } from './pipeline';

/** The chat pipeline with the real OpenAI provider, against a loopback server speaking its protocol. */

const KEY = 'test-key-5b1e0c7d';
const WRONG_KEY = 'sk-wrong-3f9a2c41d7e8';

const generations = (server: FakeProviderServer) => server.requests.filter((request) => request.method === 'POST');

describe.each(TEST_DATABASES)('chat pipeline against a loopback OpenAI server on $name', ({ open }) => {
  let db: Database;
  let user: { id: string };
  let server: FakeProviderServer;

  beforeAll(async () => {
    db = await open();
    user = await createTestUser(db, 'providers');
    server = await startOpenAICompatibleServer({ apiKey: KEY });
  });
  afterAll(async () => {
    await afterRepliesSettled();
    await server?.close();
    await db?.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
  });

  const model = (key = KEY) =>
    remoteProvider('openai')!.create('gpt-4o-mini', { OPENAI_API_KEY: key, OPENAI_BASE_URL: server.url });
  const newConversation = async () => {
    const [{ slug }] = (await db.query<{ slug: string }>(
      'select slug from hearth.companions order by slug limit 1',
    )) as [{ slug: string }];
    return (await startConversation(user, { companion: slug }, db)).id;
  };
  const storedMessage = async (conversationId: string, id: string) =>
    (await withUser(user, (tx) => listMessages(tx, conversationId), db)).find((message) => message.id === id)!;
  const turn = async (text: string, key?: string) => {
    const conversationId = await newConversation();
    const started = await startChatTurn(user, { action: 'send', conversationId, text }, { db, model: model(key) });
    const reply = await started.saved;
    return { reply, stored: await storedMessage(conversationId, started.assistantMessageId) };
  };

  it('saves a streamed reply complete, with the server’s usage', async () => {
    const text = 'I am glad you wrote. Tell me more about your day.';
    server.queue({ text, usage: { inputTokens: 42, outputTokens: 11 }, firstTokenDelayMs: 30, chunkDelayMs: 3 });
    const { reply, stored } = await turn('Hi there');
    expect(reply).toMatchObject({ status: 'complete', text, inputTokens: 42, outputTokens: 11 });
    expect(stored).toMatchObject({
      role: 'assistant',
      status: 'complete',
      error: null,
      inputTokens: 42,
      outputTokens: 11,
    });
    expect(textOf(stored)).toBe(text);
    expect(stored.ttftMs).toBeGreaterThanOrEqual(30);
    const [request] = server.requests;
    expect(request!.lastUserText).toBe('Hi there');
    expect((request!.body as { messages: { role: string }[] }).messages[0]!.role).toBe('system');
  });

  it('saves the partial text with status error when the connection drops mid-stream', async () => {
    server.queue({ text: 'Once upon a time there was a fox', dropAfterChunks: 3, chunkDelayMs: 3 });
    const { reply, stored } = await turn('Tell me a story');
    expect(reply.status).toBe('error');
    expect(stored.status).toBe('error');
    expect(textOf(stored)).toBe('Once upon a ');
    expect(stored.error).toBeTruthy();
  });

  it('saves what came before a mid-stream stall or drop as an error, and Retry then writes a complete reply', async () => {
    const env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url, MODEL_IDLE_TIMEOUT_MS: '200' };
    for (const fault of [{ stallAfterChunks: 2 }, { dropAfterChunks: 2 }]) {
      server.queue({ text: 'one two three four five', chunkDelayMs: 3, ...fault }, { text: 'All of it this time.' });
      const conversationId = await newConversation();
      const first = await startChatTurn(
        user,
        { action: 'send', conversationId, text: 'Count for me' },
        { db, model: model(), env },
      );
      expect(await first.saved).toMatchObject({ status: 'error', text: 'one two ' });
      const retry = await startChatTurn(user, { action: 'regenerate', conversationId }, { db, model: model(), env });
      expect(await retry.saved).toMatchObject({ status: 'complete', text: 'All of it this time.' });
      const replies = (await withUser(user, (tx) => listMessages(tx, conversationId), db))
        .filter((m) => m.role === 'assistant')
        .slice(1);
      expect(replies.map((m) => [m.status, textOf(m)])).toEqual([['complete', 'All of it this time.']]);
    }
  });

  it('saves a reply whose stream ends early without an error as error, not complete', async () => {
    server.queue({ text: 'one two three four five', truncateAfterChunks: 2 });
    const { reply, stored } = await turn('Count for me');
    expect(reply.status).toBe('error');
    expect(stored.status).toBe('error');
    expect(textOf(stored)).toBe('one two ');
  });

  it('keeps the order the messages were written in', async () => {
    server.queue({ text: 'first reply' }, { text: 'second reply' });
    const conversationId = await newConversation();
    for (const text of ['one', 'two']) {
      await (
        await startChatTurn(user, { action: 'send', conversationId, text }, { db, model: model() })
      ).saved;
    }
    const roles = (await withUser(user, (tx) => listMessages(tx, conversationId), db)).map(
      (m) => `${m.role}:${textOf(m)}`,
    );
    expect(roles).toEqual([
      'assistant:' + roles[0]!.slice('assistant:'.length),
      'user:one',
      'assistant:first reply',
      'user:two',
      'assistant:second reply',
    ]);
  });

  it('saves status error and no text when the server answers 500 before the first token, after the SDK’s retries', async () => {
    // The pipeline leaves maxRetries at the SDK default (2): three attempts, 2 s then 4 s apart.
    server.queue({ error: { status: 500 } }, { error: { status: 500 } }, { error: { status: 500 } });
    const { reply, stored } = await turn('Hello?');
    expect(generations(server)).toHaveLength(3);
    expect(reply).toMatchObject({ status: 'error', text: '' });
    expect(stored.status).toBe('error');
    expect(textOf(stored)).toBe('');
    expect(stored.error).toContain('The server had an error');
  }, 20_000);

  it('saves a 401 as an error whose message does not contain the key', async () => {
    const { reply, stored } = await turn('Are you there?', WRONG_KEY);
    expect(generations(server)).toHaveLength(1);
    expect(reply.status).toBe('error');
    expect(stored.status).toBe('error');
    expect(textOf(stored)).toBe('');
    expect(stored.error).toContain('Incorrect API key provided');
    expect(stored.error).not.toContain(WRONG_KEY);
    expect(stored.error).not.toContain(KEY);
  });
});
