import Anthropic from '@anthropic-ai/sdk';
import { Stream } from '@anthropic-ai/sdk/core/streaming';
import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import OpenAI from 'openai';
import { signInAsGuest, verifiedUserWithKey } from './helpers';

type ApiEvent = { type: string; [key: string]: unknown };

/** A new account's API key: the bearer token every request below uses (they carry no cookies). */
async function newApiKey(browser: Browser): Promise<string> {
  const { page, key } = await verifiedUserWithKey(browser, 'Streaming tests');
  await page.context().close();
  return key;
}

async function newConversation(request: APIRequestContext, auth: Record<string, string>): Promise<string> {
  const started = await request.post('/api/v1/conversations', { headers: auth, data: { companion: 'lucia' } });
  expect(started.status()).toBe(201);
  return (await started.json()).id;
}

/** Anthropic-style events from an SSE body; the event name and the data's type always agree. */
function parseEvents(body: string): ApiEvent[] {
  return body
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      const data = JSON.parse(dataLine!.replace(/^data: /, '')) as ApiEvent;
      expect(eventLine).toBe(`event: ${data.type}`);
      return data;
    });
}

/** POST …/messages with stream: true through fetch, for a body read (or dropped) as it arrives. */
function postStreaming(
  baseURL: string | undefined,
  id: string,
  content: string,
  signal: AbortSignal,
): Promise<Response> {
  return fetch(`${baseURL}/api/v1/conversations/${id}/messages`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ content, stream: true }),
    signal,
  });
}

const textOf = (events: ApiEvent[]) =>
  events
    .filter((e) => e.type === 'content_block_delta')
    .map((e) => (e.delta as { text: string }).text)
    .join('');

let auth: Record<string, string>;
let key: string;

test.beforeAll(async ({ browser }) => {
  key = await newApiKey(browser);
  auth = { authorization: `Bearer ${key}` };
});

test('stream: true sends the reply as Anthropic-style events, in order, and saves it', async ({ request }) => {
  const id = await newConversation(request, auth);
  const res = await request.post(`/api/v1/conversations/${id}/messages`, {
    headers: auth,
    data: { content: 'Hello!', stream: true },
  });
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toMatch(/^text\/event-stream/);
  const events = parseEvents(await res.text()).filter((e) => e.type !== 'ping');

  const types = events.map((e) => e.type);
  expect(types.slice(0, 2)).toEqual(['message_start', 'content_block_start']);
  expect(types.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
  expect(new Set(types.slice(2, -3))).toEqual(new Set(['content_block_delta']));
  const start = events[0]!.message as Record<string, unknown>;
  expect(start).toMatchObject({
    role: 'assistant',
    model: 'offline/hearth-demo',
    conversation_id: id,
    user_message_id: expect.any(String),
  });
  expect(events.at(-2)).toMatchObject({
    delta: { stop_reason: 'end_turn' },
    usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number) },
  });

  const messages = (await (await request.get(`/api/v1/conversations/${id}/messages`, { headers: auth })).json()).data;
  expect(messages.slice(1)).toEqual([
    expect.objectContaining({ id: start.user_message_id, role: 'user', content: 'Hello!' }),
    expect.objectContaining({ id: start.id, role: 'assistant', status: 'complete', content: textOf(events) }),
  ]);
});

test('stream: false answers with both messages once the reply is saved', async ({ request }) => {
  const id = await newConversation(request, auth);
  const res = await request.post(`/api/v1/conversations/${id}/messages`, {
    headers: auth,
    data: { content: '  How are you?  ', stream: false },
  });
  expect(res.status()).toBe(201);
  const body = await res.json();
  expect(body.user_message).toMatchObject({ role: 'user', content: 'How are you?', status: 'complete' });
  expect(body.assistant_message).toMatchObject({ role: 'assistant', status: 'complete', model: 'offline/hearth-demo' });
  expect(body.assistant_message.content.length).toBeGreaterThan(0);
  const messages = (await (await request.get(`/api/v1/conversations/${id}/messages`, { headers: auth })).json()).data;
  expect(messages.at(-1)).toEqual(body.assistant_message);
});

test('reply: false stores the message; POST …/stream answers it once, then 409', async ({ request }) => {
  const id = await newConversation(request, auth);
  const stored = await request.post(`/api/v1/conversations/${id}/messages`, {
    headers: auth,
    data: { content: 'Just noting this.', reply: false },
  });
  expect(stored.status()).toBe(201);
  const { message } = await stored.json();
  expect(message).toMatchObject({ role: 'user', content: 'Just noting this.', status: 'complete' });

  const streamed = await request.post(`/api/v1/conversations/${id}/stream`, { headers: auth });
  expect(streamed.status()).toBe(200);
  const events = parseEvents(await streamed.text());
  expect(events[0]).toMatchObject({ type: 'message_start', message: { user_message_id: message.id } });
  expect(events.at(-1)?.type).toBe('message_stop');

  const again = await request.post(`/api/v1/conversations/${id}/stream`, { headers: auth });
  expect(again.status()).toBe(409);
  expect((await again.json()).error.type).toBe('conflict_error');
  const messages = (await (await request.get(`/api/v1/conversations/${id}/messages`, { headers: auth })).json()).data;
  expect(messages.map((m: { role: string }) => m.role)).toEqual(['assistant', 'user', 'assistant']);
});

test('a page streams the reply with the session cookie by POST; navigating to the address starts nothing', async ({
  page,
}) => {
  await signInAsGuest(page);
  const started = await page.request.post('/api/v1/conversations', { data: { companion: 'lucia' } });
  const { id } = await started.json();
  expect(
    (
      await page.request.post(`/api/v1/conversations/${id}/messages`, { data: { content: 'Hi there', reply: false } })
    ).status(),
  ).toBe(201);
  const roles = async () =>
    (await (await page.request.get(`/api/v1/conversations/${id}/messages`)).json()).data.map(
      (m: { role: string }) => m.role,
    );

  // What a link, an <img> or another site's page could make the browser do: no reply starts.
  // Chromium swaps in its own error page for the empty 405, a second navigation that would race the
  // next goto, so the visit happens in a tab of its own.
  const visitor = await page.context().newPage();
  await visitor.goto(`/api/v1/conversations/${id}/stream`).catch(() => null);
  await visitor.close();
  expect((await page.request.get(`/api/v1/conversations/${id}/stream`)).status()).toBe(405);
  expect(await roles()).toEqual(['assistant', 'user']);

  await page.goto('/');
  const types = await page.evaluate(async (url) => {
    const response = await fetch(url, { method: 'POST' });
    const body = await response.text();
    return body
      .split('\n\n')
      .flatMap((block) => block.split('\n').filter((line) => line.startsWith('data: ')))
      .map((line) => (JSON.parse(line.slice(6)) as { type: string }).type);
  }, `/api/v1/conversations/${id}/stream`);
  expect(types[0]).toBe('message_start');
  expect(types).toContain('content_block_delta');
  expect(types.at(-1)).toBe('message_stop');
  expect(await roles()).toEqual(['assistant', 'user', 'assistant']);
});

test('a client that disconnects mid-stream still gets its whole reply saved', async ({ baseURL, request }) => {
  const id = await newConversation(request, auth);
  const abort = new AbortController();
  const res = await postStreaming(baseURL, id, 'Tell me about yourself', abort.signal);
  const reader = res.body!.getReader();
  let received = '';
  while (!received.includes('content_block_delta')) received += new TextDecoder().decode((await reader.read()).value);
  abort.abort();
  const before = parseEvents(received.slice(0, received.lastIndexOf('\n\n') + 2));
  const assistantId = (before.find((e) => e.type === 'message_start')!.message as { id: string }).id;

  await expect
    .poll(async () => {
      const messages = (await (await request.get(`/api/v1/conversations/${id}/messages`, { headers: auth })).json())
        .data;
      return messages.find((m: { id: string }) => m.id === assistantId)?.status;
    })
    .toBe('complete');
  const messages = (await (await request.get(`/api/v1/conversations/${id}/messages`, { headers: auth })).json()).data;
  const reply = messages.find((m: { id: string }) => m.id === assistantId);
  // Much more than had arrived when the client left: the offline model writes a word every 80 ms.
  expect(reply.content.split(' ').length).toBeGreaterThan(textOf(before).split(' ').length + 3);
});

test('bad requests are 400s naming the field; too large is 413; not yours is 404', async ({ request, browser }) => {
  const id = await newConversation(request, auth);
  const post = (data: unknown) => request.post(`/api/v1/conversations/${id}/messages`, { headers: auth, data });

  const cases: [unknown, string][] = [
    [{}, 'content'],
    [{ content: '   ' }, 'content'],
    [{ content: 'x'.repeat(16_001) }, 'content'],
    [{ content: 'hi', temperature: 2 }, 'temperature'],
    [{ content: 'hi', stream: 'yes' }, 'stream'],
  ];
  for (const [data, param] of cases) {
    const res = await post(data);
    expect(res.status(), JSON.stringify(data).slice(0, 60)).toBe(400);
    expect((await res.json()).error).toMatchObject({ type: 'invalid_request_error', param });
  }
  const huge = await post({ content: 'x'.repeat(1_100_000) });
  expect(huge.status()).toBe(413);
  expect((await huge.json()).error.type).toBe('payload_too_large');

  const unconfigured = await post({ content: 'hi', model: 'groq/llama-3.3-70b-versatile' });
  expect(unconfigured.status()).toBe(503);
  expect((await unconfigured.json()).error.type).toBe('provider_not_configured');

  const strangerAuth = { authorization: `Bearer ${await newApiKey(browser)}` };
  for (const res of [
    await request.post(`/api/v1/conversations/${id}/messages`, { headers: strangerAuth, data: { content: 'hi' } }),
    await request.post(`/api/v1/conversations/${id}/messages`, {
      headers: strangerAuth,
      data: { content: 'hi', reply: false },
    }),
    await request.post(`/api/v1/conversations/${id}/stream`, { headers: strangerAuth }),
  ]) {
    expect(res.status()).toBe(404);
    expect((await res.json()).error.type).toBe('not_found_error');
  }
  expect((await request.get(`/api/v1/conversations/${id}/messages`, { headers: auth })).ok()).toBe(true);
  expect(
    (await (await request.get(`/api/v1/conversations/${id}/messages`, { headers: auth })).json()).data,
  ).toHaveLength(1);
});

test("the official Anthropic SDK's SSE parser reads the message stream", async ({ baseURL, request }) => {
  const id = await newConversation(request, auth);
  const controller = new AbortController();
  const res = await postStreaming(baseURL, id, 'Hi from the Anthropic SDK', controller.signal);
  const events: Anthropic.MessageStreamEvent[] = [];
  for await (const event of Stream.fromSSEResponse<Anthropic.MessageStreamEvent>(res, controller)) events.push(event);
  expect(events[0]?.type).toBe('message_start');
  expect(events.at(-1)?.type).toBe('message_stop');
  const text = events
    .flatMap((e) => (e.type === 'content_block_delta' && e.delta.type === 'text_delta' ? [e.delta.text] : []))
    .join('');
  expect(text.length).toBeGreaterThan(10);
});

test('the official OpenAI client streams and non-streams from /chat/completions as a companion', async ({
  baseURL,
}) => {
  const client = new OpenAI({ baseURL: `${baseURL}/api/v1`, apiKey: key, maxRetries: 0 });

  const completion = await client.chat.completions.create({
    model: 'companion/lucia',
    messages: [
      { role: 'system', content: 'Keep it short.' },
      { role: 'user', content: 'Hello Lucía!' },
    ],
  });
  expect(completion.object).toBe('chat.completion');
  expect(completion.choices[0]?.message.content?.length).toBeGreaterThan(10);
  expect(completion.choices[0]?.finish_reason).toBe('stop');
  expect(completion.usage?.completion_tokens).toBeGreaterThan(0);

  const stream = await client.chat.completions.create({
    model: 'companion/lucia',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Tell me something' }] }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = '';
  let last: OpenAI.ChatCompletionChunk | undefined;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? '';
    last = chunk;
  }
  expect(text.length).toBeGreaterThan(10);
  expect(last?.choices[0]?.finish_reason).toBe('stop');
  expect(last?.usage?.total_tokens).toBeGreaterThan(0);

  // A plain catalogue model: OpenAI here is the loopback fake provider.
  const plain = await client.chat.completions.create({
    model: 'openai/gpt-4o-mini',
    messages: [{ role: 'user', content: 'Ping' }],
  });
  expect(plain.model).toBe('openai/gpt-4o-mini');
  expect(plain.choices[0]?.message.content?.length).toBeGreaterThan(0);

  await expect(
    client.chat.completions.create({ model: 'companion/nobody', messages: [{ role: 'user', content: 'Hi' }] }),
  ).rejects.toMatchObject({
    status: 404,
  });
});
