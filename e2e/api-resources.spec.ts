import { expect, test, type APIRequestContext, type APIResponse, type Browser, type Page } from '@playwright/test';
import { verifiedUserWithKey } from './helpers';

/** A confirmed account's session page and an API key made with it: `request` plus the key is the API caller. */
async function guestWithKey(browser: Browser): Promise<{ page: Page; auth: Auth }> {
  const { page, auth } = await verifiedUserWithKey(browser, 'resources spec');
  return { page, auth };
}

type Auth = { authorization: string };

async function startConversation(request: APIRequestContext, auth: Auth, body: Record<string, string>) {
  const res = await request.post('/api/v1/conversations', { headers: auth, data: body });
  expect(res.status()).toBe(201);
  return res.json();
}

async function expectError(res: APIResponse, status: number, error: Record<string, unknown>) {
  expect(res.status()).toBe(status);
  expect((await res.json()).error).toMatchObject(error);
}

test('companions: the list, one by slug or id, and 404 for an unknown one', async ({ browser, request }) => {
  const { auth } = await guestWithKey(browser);
  expect((await request.get('/api/v1/companions')).status()).toBe(401);

  const { data } = await (await request.get('/api/v1/companions', { headers: auth })).json();
  expect(data.length).toBeGreaterThanOrEqual(8);
  const lucia = data.find((c: { slug: string }) => c.slug === 'lucia');
  expect(lucia).toEqual({
    id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    slug: 'lucia',
    name: expect.any(String),
    tagline: expect.any(String),
    description: expect.any(String),
    avatar_url: expect.any(String),
    specialties: expect.any(Array),
    languages: expect.arrayContaining(['en-US']),
    default_model: expect.stringMatching(/^[a-z]+\//),
  });

  expect(await (await request.get('/api/v1/companions/lucia', { headers: auth })).json()).toEqual(lucia);
  expect(await (await request.get(`/api/v1/companions/${lucia.id}`, { headers: auth })).json()).toEqual(lucia);
  await expectError(await request.get('/api/v1/companions/nobody', { headers: auth }), 404, {
    type: 'not_found_error',
  });
  await expectError(await request.get(`/api/v1/companions/${crypto.randomUUID()}`, { headers: auth }), 404, {
    type: 'not_found_error',
  });
});

test('conversations: listed newest first in cursor pages, filtered, read, patched and deleted', async ({
  browser,
  request,
}) => {
  const { auth } = await guestWithKey(browser);
  const first = await startConversation(request, auth, { companion: 'lucia', title: 'First' });
  const second = await startConversation(request, auth, { companion: 'ada', title: 'Second' });
  const third = await startConversation(request, auth, { companion: 'lucia', title: 'Third' });
  expect(third).toEqual({
    id: expect.any(String),
    companion: { id: expect.any(String), slug: 'lucia', name: expect.any(String) },
    model: expect.any(String),
    title: 'Third',
    language: 'en-US',
    created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    updated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
  });

  const pageOne = await (await request.get('/api/v1/conversations?limit=2', { headers: auth })).json();
  expect(pageOne.data).toEqual([third, second]);
  expect(pageOne.next_cursor).toEqual(expect.any(String));
  const pageTwo = await (
    await request.get(`/api/v1/conversations?limit=2&cursor=${pageOne.next_cursor}`, { headers: auth })
  ).json();
  expect(pageTwo).toEqual({ data: [first], next_cursor: null });
  expect((await (await request.get('/api/v1/conversations', { headers: auth })).json()).data).toEqual([
    third,
    second,
    first,
  ]);

  const lucias = await (await request.get('/api/v1/conversations?companion=lucia', { headers: auth })).json();
  expect(lucias.data.map((c: { id: string }) => c.id)).toEqual([third.id, first.id]);
  const adas = await (
    await request.get(`/api/v1/conversations?companion=${second.companion.id}`, { headers: auth })
  ).json();
  expect(adas.data.map((c: { id: string }) => c.id)).toEqual([second.id]);

  const list = (query: string) => request.get(`/api/v1/conversations?${query}`, { headers: auth });
  await expectError(await list('cursor=bm90LWEtY3Vyc29y'), 400, { type: 'invalid_request_error', param: 'cursor' });
  await expectError(await list('limit=0'), 400, { param: 'limit' });
  await expectError(await list('limit=101'), 400, { param: 'limit' });
  await expectError(await list('limit=ten'), 400, { param: 'limit' });
  await expectError(await list('companion=nobody'), 400, { param: 'companion' });

  const url = `/api/v1/conversations/${first.id}`;
  expect(await (await request.get(url, { headers: auth })).json()).toEqual(first);
  await expectError(await request.get('/api/v1/conversations/not-a-uuid', { headers: auth }), 400, { param: 'id' });

  const renamed = await request.patch(url, { headers: auth, data: { title: '  Renamed  ' } });
  expect(renamed.status()).toBe(200);
  expect(await renamed.json()).toEqual({ ...first, title: 'Renamed' });

  // Groq has no key in the e2e server, so its models are refused with the variable to set, and nothing changes.
  await expectError(
    await request.patch(url, { headers: auth, data: { title: 'Not this', model: 'groq/llama-3.1-8b-instant' } }),
    503,
    {
      type: 'provider_not_configured',
      message: expect.stringContaining('GROQ_API_KEY'),
    },
  );
  await expectError(await request.patch(url, { headers: auth, data: { title: 'x', colour: 'red' } }), 400, {
    param: 'colour',
  });
  await expectError(await request.patch(url, { headers: auth, data: {} }), 400, { type: 'invalid_request_error' });
  await expectError(await request.patch(url, { headers: auth, data: { title: '' } }), 400, { param: 'title' });
  await expectError(await request.patch(url, { headers: auth, data: { model: 'gpt' } }), 400, { param: 'model' });
  expect((await (await request.get(url, { headers: auth })).json()).title).toBe('Renamed');

  const switched = await request.patch(url, { headers: auth, data: { model: 'openai/gpt-4o-mini' } });
  expect(await switched.json()).toMatchObject({ model: 'openai/gpt-4o-mini', title: 'Renamed' });

  expect((await request.delete(url, { headers: auth })).status()).toBe(204);
  await expectError(await request.get(url, { headers: auth }), 404, { type: 'not_found_error' });
  await expectError(await request.get(`${url}/messages`, { headers: auth }), 404, { type: 'not_found_error' });
  await expectError(await request.delete(url, { headers: auth }), 404, { type: 'not_found_error' });
});

test("another user's conversation is not found, whatever is asked of it", async ({ browser, request }) => {
  const owner = await guestWithKey(browser);
  const stranger = await guestWithKey(browser);
  const conversation = await startConversation(request, owner.auth, { companion: 'lucia', title: 'Private' });
  const url = `/api/v1/conversations/${conversation.id}`;
  const as = { headers: stranger.auth };

  await expectError(await request.get(url, as), 404, { type: 'not_found_error' });
  await expectError(await request.patch(url, { ...as, data: { title: 'Mine' } }), 404, { type: 'not_found_error' });
  await expectError(await request.delete(url, as), 404, { type: 'not_found_error' });
  await expectError(await request.get(`${url}/messages`, as), 404, { type: 'not_found_error' });
  expect((await (await request.get('/api/v1/conversations', as)).json()).data).toEqual([]);

  expect(await (await request.get(url, { headers: owner.auth })).json()).toEqual(conversation);
});

test('messages page forward from the oldest, and usage counts the replies of a chat', async ({ browser, request }) => {
  const { page, auth } = await guestWithKey(browser);
  const conversation = await startConversation(request, auth, { companion: 'lucia' });
  // The web chat's own endpoint, with the session: each request returns once the reply is saved.
  for (const text of ['Hello there', 'Tell me more']) {
    const turn = await page.request.post('/api/chat', {
      data: { action: 'send', conversationId: conversation.id, text },
    });
    expect(turn.status()).toBe(200);
    await turn.body();
  }

  const messagesUrl = `/api/v1/conversations/${conversation.id}/messages`;
  const all = await (await request.get(messagesUrl, { headers: auth })).json();
  expect(all.next_cursor).toBeNull();
  expect(all.data.map((m: { role: string }) => m.role)).toEqual([
    'assistant',
    'user',
    'assistant',
    'user',
    'assistant',
  ]);
  expect(all.data[1]).toMatchObject({ content: 'Hello there', status: 'complete' });
  expect(all.data[4]).toEqual({
    id: expect.any(String),
    role: 'assistant',
    content: expect.any(String),
    parts: [{ type: 'text', text: expect.any(String) }],
    attachments: [],
    model: expect.any(String),
    status: 'complete',
    source: 'text',
    usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number), estimated: expect.any(Boolean) },
    fallbacks: [],
    cost_usd: 0, // the offline model answers here, and it is free
    ttft_ms: expect.any(Number),
    latency_ms: expect.any(Number),
    created_at: expect.any(String),
    // It follows the person's message; no regenerate or edit has made other versions of it.
    parent_id: (all.data[3] as { id: string }).id,
    alternatives: [(all.data[4] as { id: string }).id],
    rating: null,
  });

  const paged: unknown[] = [];
  let cursor: string | null = null;
  const pageSizes: number[] = [];
  do {
    const res = await request.get(`${messagesUrl}?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { headers: auth });
    const body: { data: unknown[]; next_cursor: string | null } = await res.json();
    pageSizes.push(body.data.length);
    paged.push(...body.data);
    cursor = body.next_cursor;
  } while (cursor);
  expect(pageSizes).toEqual([2, 2, 1]);
  expect(paged).toEqual(all.data);
  await expectError(await request.get(`${messagesUrl}?cursor=abc`, { headers: auth }), 400, { param: 'cursor' });
  await expectError(await request.get(`${messagesUrl}?limit=501`, { headers: auth }), 400, { param: 'limit' });

  const replies = [all.data[2], all.data[4]] as { usage: { input_tokens: number; output_tokens: number } }[];
  const usage = await (await request.get('/api/v1/usage', { headers: auth })).json();
  expect(usage).toEqual({
    totals: {
      messages: 2,
      input_tokens: replies.reduce((sum, r) => sum + r.usage.input_tokens, 0),
      output_tokens: replies.reduce((sum, r) => sum + r.usage.output_tokens, 0),
      cost_usd: 0,
      avg_latency_ms: expect.any(Number),
      p95_ttft_ms: expect.any(Number),
    },
    groups: [],
  });
  expect(usage.totals.input_tokens).toBeGreaterThan(0);

  const byCompanion = await (await request.get('/api/v1/usage?group_by=companion', { headers: auth })).json();
  expect(byCompanion.groups).toEqual([
    {
      key: 'lucia',
      messages: 2,
      input_tokens: usage.totals.input_tokens,
      output_tokens: usage.totals.output_tokens,
      cost_usd: 0,
    },
  ]);
  const today = new Date().toISOString().slice(0, 10);
  const byDay = await (
    await request.get(`/api/v1/usage?group_by=day&from=${today}&to=${today}`, { headers: auth })
  ).json();
  expect(byDay.groups).toEqual([expect.objectContaining({ key: today, messages: 2 })]);
  const lastYear = await (await request.get('/api/v1/usage?from=2020-01-01&to=2020-12-31', { headers: auth })).json();
  expect(lastYear.totals).toMatchObject({ messages: 0, input_tokens: 0, avg_latency_ms: null, p95_ttft_ms: null });

  const usage400 = (query: string) => request.get(`/api/v1/usage?${query}`, { headers: auth });
  await expectError(await usage400('from=yesterday'), 400, { param: 'from' });
  await expectError(await usage400('to=2026-02-30'), 400, { param: 'to' });
  await expectError(await usage400('from=2026-02-01&to=2026-01-01'), 400, { param: 'to' });
  await expectError(await usage400('group_by=week'), 400, { param: 'group_by' });

  const stranger = await guestWithKey(browser);
  expect((await (await request.get('/api/v1/usage', { headers: stranger.auth })).json()).totals.messages).toBe(0);
});
