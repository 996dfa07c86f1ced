import { APICallError } from '@ai-sdk/provider';
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConversation } from '@/lib/conversations/service';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import { saveUserMessage, startChatTurn } from '@/lib/chat/pipeline';
import type { Database } from '@/lib/db';
import { listMessages, textOf } from '@/lib/conversations/messages';
import { withUser } from '@/lib/db/scope';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { complete, scripted, words } from '@/lib/testing/scripted-model';
import { parseSse } from '@/lib/testing/sse';
import { messageEventsResponse } from './message-events';

type Event = { type: string; [key: string]: unknown };

const eventsOf = async (response: Response) =>
  parseSse(await response.text()).map(({ event, data }) => {
    const parsed = JSON.parse(data) as Event;
    expect(parsed.type).toBe(event); // the event name and the data's type always agree
    return parsed;
  });

describe.each(TEST_DATABASES)('Anthropic-style message events on $name', ({ open }) => {
  let db: Database;
  let user: { id: string };

  beforeAll(async () => {
    db = await open();
    user = await createTestUser(db, 'events');
  });
  afterAll(async () => {
    await afterRepliesSettled();
    await db?.close();
  });

  const newConversation = async () => (await startConversation(user, { companion: 'lucia' }, db)).id;
  const messagesOf = (conversationId: string) => withUser(user, (tx) => listMessages(tx, conversationId), db);

  it('streams a reply as message_start, one text block, message_delta with usage, message_stop', async () => {
    const conversationId = await newConversation();
    const turn = await startChatTurn(
      user,
      { action: 'send', conversationId, text: 'Hi!' },
      { db, model: scripted(complete('Hello there friend')) },
    );
    const response = messageEventsResponse(turn);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await eventsOf(response);

    expect(events.map((e) => e.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events[0]!.message).toMatchObject({
      id: turn.assistantMessageId,
      role: 'assistant',
      model: turn.model.id,
      conversation_id: conversationId,
      user_message_id: turn.userMessageId,
    });
    expect(events[1]).toEqual({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    expect(events[2]).toEqual({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello ' } });
    const text = events
      .filter((e) => e.type === 'content_block_delta')
      .map((e) => (e.delta as { text: string }).text)
      .join('');
    expect(text).toBe('Hello there friend');
    expect(events[6]).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { input_tokens: 10, output_tokens: 3 },
    });
    expect(textOf((await messagesOf(conversationId)).at(-1)!)).toBe('Hello there friend');
  });

  it('says max_tokens when the model ran out of room', async () => {
    const conversationId = await newConversation();
    const turn = await startChatTurn(
      user,
      { action: 'send', conversationId, text: 'Go on' },
      { db, model: scripted(complete('cut short', 'length')) },
    );
    const delta = (await eventsOf(messageEventsResponse(turn))).find((e) => e.type === 'message_delta');
    expect(delta?.delta).toEqual({ stop_reason: 'max_tokens', stop_sequence: null });
  });

  it('ends with an error event, in words a person can read, when the model fails after the stream started', async () => {
    const conversationId = await newConversation();
    const failure = new APICallError({
      message: 'upstream exploded with key sk-live-should-never-leak',
      url: 'http://127.0.0.1/v1/chat/completions',
      requestBodyValues: {},
      statusCode: 500,
    });
    const model = scripted([
      { type: 'stream-start', warnings: [] },
      { type: 'text-start', id: 't' },
      ...words('Once upon a '),
      { type: 'error', error: failure },
    ]);
    const turn = await startChatTurn(user, { action: 'send', conversationId, text: 'A story?' }, { db, model });
    const events = await eventsOf(messageEventsResponse(turn));

    expect(events.map((e) => e.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'error',
    ]);
    expect(events.at(-1)).toEqual({
      type: 'error',
      error: { type: 'provider_error', message: 'The model had a problem on its side. Try again.' },
    });
    expect(JSON.stringify(events)).not.toContain('sk-live');
    expect((await messagesOf(conversationId)).at(-1)).toMatchObject({ status: 'error' });
  });

  it('sends a ping while the model is quiet', async () => {
    const conversationId = await newConversation();
    // The model says nothing until released, 200 ms after the response starts (not after the
    // turn's setup, whose time a busy machine stretches).
    let release!: () => void;
    const quiet = new Promise<void>((resolve) => (release = resolve));
    const model = new MockLanguageModelV4({
      doStream: async () => {
        await quiet;
        return { stream: simulateReadableStream({ chunks: complete('Finally ') }) };
      },
    });
    const turn = await startChatTurn(user, { action: 'send', conversationId, text: 'Think hard' }, { db, model });
    setTimeout(release, 200);
    const events = await eventsOf(messageEventsResponse(turn, { pingIntervalMs: 40 }));
    const firstContent = events.findIndex((e) => e.type === 'message_start');
    expect(events.slice(0, firstContent).length).toBeGreaterThanOrEqual(2);
    expect(events.slice(0, firstContent).every((e) => e.type === 'ping')).toBe(true);
    expect(events.at(-1)?.type).toBe('message_stop');
  });

  it('saves the whole reply when the client disconnects mid-stream', async () => {
    const conversationId = await newConversation();
    const text = 'one two three four five six seven eight nine ten eleven twelve';
    const turn = await startChatTurn(
      user,
      { action: 'send', conversationId, text: 'Count' },
      { db, model: scripted(complete(text)) },
    );
    const reader = messageEventsResponse(turn).body!.getReader();
    let received = '';
    while (!received.includes('content_block_delta')) received += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel(); // the client went away after the first words
    expect(await turn.saved).toMatchObject({ status: 'complete', text });
    const reply = (await messagesOf(conversationId)).at(-1)!;
    expect(reply).toMatchObject({ id: turn.assistantMessageId, status: 'complete' });
    expect(textOf(reply)).toBe(text);
  });

  it('answers a message saved without a reply, once; then there is nothing to answer', async () => {
    const conversationId = await newConversation();
    const saved = await saveUserMessage(user, { conversationId, text: 'Are you there?' }, db);
    expect(saved).toMatchObject({ role: 'user', status: 'complete' });
    expect(textOf(saved)).toBe('Are you there?');
    const [conversation] = await db.query<{ title: string }>('select title from hearth.conversations where id = $1', [
      conversationId,
    ]);
    expect(conversation?.title).toBe('Are you there?');

    const turn = await startChatTurn(
      user,
      { action: 'answer', conversationId },
      { db, model: scripted(complete('Yes I am')) },
    );
    const events = await eventsOf(messageEventsResponse(turn));
    expect(events[0]!.message).toMatchObject({ user_message_id: saved.id });
    expect((await messagesOf(conversationId)).slice(1).map((m) => [m.role, textOf(m)])).toEqual([
      ['user', 'Are you there?'],
      ['assistant', 'Yes I am'],
    ]);

    const again = startChatTurn(user, { action: 'answer', conversationId }, { db, model: scripted(complete('no')) });
    await expect(again).rejects.toMatchObject({ code: 'conflict' });
    expect(await messagesOf(conversationId)).toHaveLength(3);
  });

  it("does not save a message in another user's conversation", async () => {
    const conversationId = await newConversation();
    const stranger = await createTestUser(db, 'stranger');
    await expect(saveUserMessage(stranger, { conversationId, text: 'hello?' }, db)).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await messagesOf(conversationId)).toHaveLength(1);
  });
});
