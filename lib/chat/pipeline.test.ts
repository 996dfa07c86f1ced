import { simulateReadableStream } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineModel } from '@/lib/ai/offline/model';
import type { Database } from '@/lib/db';
import { listMessages, textOf } from '@/lib/conversations/messages';
import { withUser } from '@/lib/db/scope';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { complete, scripted, words } from '@/lib/testing/scripted-model';
import { stopGeneration } from './active';
import { startConversation } from '@/lib/conversations/service';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import { storedMessageId } from './message-ids';
import { startChatTurn } from './pipeline';

describe.each(TEST_DATABASES)('chat pipeline on $name', ({ open }) => {
  let db: Database;
  let user: { id: string };

  beforeAll(async () => {
    db = await open();
    user = await createTestUser(db, 'pipeline');
  });
  afterAll(async () => {
    await afterRepliesSettled();
    await db?.close();
  });

  const newConversation = async () => (await startConversation(user, { companion: await firstSlug() }, db)).id;
  const firstSlug = async () =>
    (await db.query<{ slug: string }>('select slug from hearth.companions order by slug limit 1'))[0]!.slug;
  const messagesOf = (conversationId: string) => withUser(user, (tx) => listMessages(tx, conversationId), db);

  it('opens a conversation with the companion greeting', async () => {
    const id = await newConversation();
    const messages = await messagesOf(id);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ role: 'assistant', status: 'complete' });
    expect(textOf(messages[0]!).length).toBeGreaterThan(0);
  });

  it('calls the model while it saves the user message, and streams to the client only once it is saved', async () => {
    const conversationId = await newConversation();
    let modelCalled = false;
    const model = scripted(complete('Hello there friend'), async () => {
      modelCalled = true;
    });
    const turn = await startChatTurn(user, { action: 'send', conversationId, text: 'Hi!' }, { db, model });
    expect(modelCalled).toBe(true);
    const committed = await db.query<{ role: string; status: string }>(
      'select role, status from hearth.messages where conversation_id = $1 order by seq',
      [conversationId],
    );
    expect(committed.map((r) => `${r.role}:${r.status}`)).toEqual([
      'assistant:complete',
      'user:complete',
      'assistant:streaming',
    ]);
    const reply = await turn.saved;
    expect(reply).toMatchObject({
      status: 'complete',
      text: 'Hello there friend',
      inputTokens: 10,
      outputTokens: 3,
      usageEstimated: false,
    });
    const [, userMessage, assistant] = await messagesOf(conversationId);
    expect(textOf(userMessage!)).toBe('Hi!');
    expect(assistant).toMatchObject({
      id: turn.assistantMessageId,
      status: 'complete',
      inputTokens: 10,
      outputTokens: 3,
    });
    expect(textOf(assistant!)).toBe('Hello there friend');
    expect(assistant!.ttftMs).toBeGreaterThanOrEqual(0);
    expect(assistant!.latencyMs).toBeGreaterThanOrEqual(assistant!.ttftMs!);
  });

  it('stops the model when saving the turn fails, and streams nothing', async () => {
    const conversationId = await newConversation();
    const messageId = crypto.randomUUID();
    await (
      await startChatTurn(
        user,
        { action: 'send', conversationId, messageId, text: 'once' },
        { db, model: scripted(complete('ok ')) },
      )
    ).saved;
    let signal: AbortSignal | undefined;
    const model = new MockLanguageModelV4({
      doStream: async (options) => {
        signal = options.abortSignal;
        return { stream: simulateReadableStream({ chunks: complete('never seen '), initialDelayInMs: 200 }) };
      },
    });
    const twice = startChatTurn(user, { action: 'send', conversationId, messageId, text: 'once' }, { db, model });
    await expect(twice).rejects.toMatchObject({ code: 'conflict' });
    expect(signal?.aborted).toBe(true);
    expect((await messagesOf(conversationId)).map(textOf)).toEqual([expect.any(String), 'once', 'ok ']);
  });

  it('estimates usage with a tokenizer when the provider reports none, and says so', async () => {
    const conversationId = await newConversation();
    const noUsage = complete('Four words right here').map((part) =>
      part.type === 'finish'
        ? {
            ...part,
            usage: {
              inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
              outputTokens: { total: undefined, text: undefined, reasoning: undefined },
            },
          }
        : part,
    );
    const turn = await startChatTurn(
      user,
      { action: 'send', conversationId, text: 'Count these tokens please' },
      { db, model: scripted(noUsage) },
    );
    await turn.saved;
    const assistant = (await messagesOf(conversationId)).at(-1)!;
    expect(assistant).toMatchObject({ status: 'complete', usageEstimated: true, outputTokens: 4 });
    expect(assistant.inputTokens).toBeGreaterThan(20); // the persona's instructions, the greeting and the message
  });

  it('keeps the partial text with status error when the model fails mid-stream', async () => {
    const conversationId = await newConversation();
    const model = scripted([
      { type: 'stream-start', warnings: [] },
      { type: 'text-start', id: 't' },
      ...words('Once upon a '),
      { type: 'error', error: new Error('upstream connection reset') },
    ]);
    const turn = await startChatTurn(user, { action: 'send', conversationId, text: 'Tell me a story' }, { db, model });
    await turn.saved;
    const assistant = (await messagesOf(conversationId)).at(-1)!;
    expect(assistant.status).toBe('error');
    expect(textOf(assistant)).toBe('Once upon a ');
    expect(assistant.error).toContain('upstream connection reset');
  });

  it('finishes and saves the whole reply when the client goes away mid-stream', async () => {
    const conversationId = await newConversation();
    const persona = { name: 'Test', greeting: 'Hi', specialties: ['tests'], languages: ['en-US' as const] };
    const model = createOfflineModel({ persona, language: 'en-US', wordDelayMs: 5 });
    const turn = await startChatTurn(
      user,
      { action: 'send', conversationId, text: 'How are you today?' },
      { db, model },
    );
    const reader = turn.parts.getReader();
    let first = await reader.read();
    while (!first.done && first.value.type !== 'text-delta') first = await reader.read();
    await reader.cancel(); // the browser tab closed
    const reply = await turn.saved;
    expect(reply.status).toBe('complete');
    const assistant = (await messagesOf(conversationId)).at(-1)!;
    expect(assistant.status).toBe('complete');
    expect(textOf(assistant).split(' ').length).toBeGreaterThan(10);
  });

  it('saves a stopped reply as aborted with what was written so far', async () => {
    const conversationId = await newConversation();
    const persona = { name: 'Test', greeting: 'Hi', specialties: ['tests'], languages: ['en-US' as const] };
    const model = createOfflineModel({ persona, language: 'en-US', wordDelayMs: 20 });
    const turn = await startChatTurn(user, { action: 'send', conversationId, text: 'Talk to me' }, { db, model });
    const reader = turn.parts.getReader();
    let deltas = 0;
    while (deltas < 3) if ((await reader.read()).value?.type === 'text-delta') deltas++;
    expect(stopGeneration(conversationId)).toBe(true);
    const reply = await turn.saved;
    expect(reply.status).toBe('aborted');
    const assistant = (await messagesOf(conversationId)).at(-1)!;
    expect(assistant.status).toBe('aborted');
    expect(textOf(assistant).length).toBeGreaterThan(0);
  });

  it('shows a regenerated reply and an edited message in place of the ones before (kept as alternatives: branches.test.ts)', async () => {
    const conversationId = await newConversation();
    await (
      await startChatTurn(
        user,
        { action: 'send', conversationId, text: 'first' },
        { db, model: scripted(complete('one ')) },
      )
    ).saved;
    await (
      await startChatTurn(user, { action: 'regenerate', conversationId }, { db, model: scripted(complete('two ')) })
    ).saved;
    let texts = (await messagesOf(conversationId)).slice(1).map(textOf);
    expect(texts).toEqual(['first', 'two ']);
    await (
      await startChatTurn(
        user,
        { action: 'edit', conversationId, text: 'second' },
        { db, model: scripted(complete('three ')) },
      )
    ).saved;
    texts = (await messagesOf(conversationId)).slice(1).map(textOf);
    expect(texts).toEqual(['second', 'three ']);
  });

  it('sends the model only the history from the database, trimmed to what was said', async () => {
    const conversationId = await newConversation();
    let prompt: unknown;
    const model = new MockLanguageModelV4({
      doStream: async (options) => {
        prompt = options.prompt;
        return { stream: simulateReadableStream({ chunks: complete('ok ') }) };
      },
    });
    await (
      await startChatTurn(user, { action: 'send', conversationId, text: 'remember me' }, { db, model })
    ).saved;
    const roles = (prompt as { role: string }[]).map((m) => m.role);
    expect(roles).toEqual(['system', 'assistant', 'user']);
  });

  it("refuses a turn in another user's conversation as not found, writing nothing", async () => {
    const conversationId = await newConversation();
    const stranger = await createTestUser(db, 'stranger');
    const attempt = startChatTurn(
      stranger,
      { action: 'send', conversationId, text: 'hello?' },
      { db, model: scripted(complete('no ')) },
    );
    await expect(attempt).rejects.toMatchObject({ code: 'not_found' });
    expect(await messagesOf(conversationId)).toHaveLength(1);
  });

  it('reads while its reservation is taken, and calls no model and writes nothing when it is refused', async () => {
    const conversationId = await newConversation();
    let modelCalled = false;
    const model = scripted(complete('never '), async () => {
      modelCalled = true;
    });
    let refuse!: (error: Error) => void;
    const admitted = new Promise<void>((_, reject) => (refuse = reject));
    let reads = 0;
    // The turn reads through one of these: one message (exec) or a transaction.
    const watched: Database = {
      ...db,
      exec: (sql) => (reads++, db.exec(sql)),
      transaction: (fn, settings) => (reads++, db.transaction(fn, settings)),
    };
    const attempt = startChatTurn(
      user,
      { action: 'send', conversationId, text: 'Hi!' },
      { db: watched, model, admitted },
    );
    await expect.poll(() => reads).toBeGreaterThan(0);
    refuse(new Error('quota refused'));
    await expect(attempt).rejects.toThrow('quota refused');
    expect(modelCalled).toBe(false);
    expect(await messagesOf(conversationId)).toHaveLength(1);
  });

  it('answers a retried message the server never received, and does not duplicate one it did', async () => {
    const conversationId = await newConversation();
    const messageId = crypto.randomUUID();
    const retry = { action: 'regenerate' as const, conversationId, messageId, text: 'lost in transit' };
    await (
      await startChatTurn(user, retry, { db, model: scripted(complete('got it ')) })
    ).saved;
    await (
      await startChatTurn(user, retry, { db, model: scripted(complete('again ')) })
    ).saved;
    const messages = (await messagesOf(conversationId)).slice(1);
    expect(messages.map((m) => [m.id === storedMessageId(conversationId, messageId), textOf(m)])).toEqual([
      [true, 'lost in transit'],
      [false, 'again '],
    ]);
    // Named by its stored id (the page adopts it from the reply's metadata), it is recognised too.
    await (
      await startChatTurn(user, { ...retry, messageId: messages[0]!.id }, { db, model: scripted(complete('third ')) })
    ).saved;
    expect((await messagesOf(conversationId)).slice(1).map(textOf)).toEqual(['lost in transit', 'third ']);
  });

  it("answers a message id another user's message has exactly as it answers a fresh one: nothing to probe", async () => {
    const stranger = await createTestUser(db, 'stranger');
    const theirs = (await startConversation(stranger, { companion: await firstSlug() }, db)).id;
    const secretId = crypto.randomUUID();
    await (
      await startChatTurn(
        stranger,
        { action: 'send', conversationId: theirs, messageId: secretId, text: 'private' },
        { db, model: scripted(complete('ok ')) },
      )
    ).saved;
    expect(
      await db.query('select 1 from hearth.messages where id = $1', [storedMessageId(theirs, secretId)]),
    ).toHaveLength(1);

    // The prober guesses ids: one that exists (theirs, stored or as sent), and one that does not.
    const conversationId = await newConversation();
    const answer = async (messageId: string) => {
      const turn = await startChatTurn(
        user,
        { action: 'send', conversationId, messageId, text: 'probe' },
        { db, model: scripted(complete('hi ')) },
      );
      await turn.saved;
      return {
        sameId: turn.userMessageId === messageId,
        derived: turn.userMessageId === storedMessageId(conversationId, messageId),
      };
    };
    const taken = await db.query<{ id: string }>('select id from hearth.messages where conversation_id = $1', [theirs]);
    for (const id of [secretId, ...taken.map((m) => m.id), crypto.randomUUID()]) {
      expect(await answer(id)).toEqual({ sameId: false, derived: true });
    }
    // Sent again in its own conversation, a message is still the caller's duplicate: a 409.
    await expect(
      startChatTurn(
        user,
        { action: 'send', conversationId, messageId: secretId, text: 'probe' },
        { db, model: scripted(complete('no ')) },
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses to regenerate when the person has said nothing yet', async () => {
    const conversationId = await newConversation();
    const attempt = startChatTurn(
      user,
      { action: 'regenerate', conversationId },
      { db, model: scripted(complete('no ')) },
    );
    await expect(attempt).rejects.toMatchObject({ code: 'bad_request' });
    expect(await messagesOf(conversationId)).toHaveLength(1);
  });
});
