import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiKey } from '@/lib/api-keys/keys';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import { startConversation } from '@/lib/conversations/service';
import type { Database } from '@/lib/db';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';

/**
 * The spending caps on the REST API's real route handlers, with the offline model: past the day's
 * token budget every reply route is a 429 `daily_budget` that writes nothing, a second reply while
 * one is being written is a 429 `concurrent_streams` until it is saved, and chat/completions
 * refuses a max_tokens that is not a positive whole number with a 400.
 */
const TABLES = ['conversations', 'messages', 'api_usage', 'call_turns'];

describe.each(TEST_DATABASES)('spending caps on the REST API, $name', ({ open }) => {
  let db: Database;
  const globalDb = globalThis as { __hearthDb?: Promise<Database> };
  const previousDb = globalDb.__hearthDb;

  beforeAll(async () => {
    db = await open();
    globalDb.__hearthDb = Promise.resolve(db);
  });
  afterEach(async () => {
    await afterRepliesSettled();
    vi.unstubAllEnvs();
  });
  afterAll(async () => {
    globalDb.__hearthDb = previousDb;
    await db?.close();
  });

  async function account() {
    const user = await createTestUser(db, 'spend-api');
    const auth = { authorization: `Bearer ${(await createApiKey(user, 'spend', db)).key}` };
    const conversationId = (await startConversation(user, { companion: 'marcus' }, db)).id;
    return { user, auth, conversationId };
  }
  const rowCounts = async (userId: string) =>
    (
      await db.query<{ n: string }>(
        TABLES.map((t) => `select count(*)::text as n from hearth.${t} where user_id = '${userId}'`).join(
          ' union all ',
        ),
      )
    )
      .map((r) => r.n)
      .join(',');
  const post = (url: string, body: unknown, headers: Record<string, string>) =>
    new Request(`http://hearth.test${url}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const params = <T extends Record<string, string>>(values: T) => ({ params: Promise.resolve(values) });
  const spentToday = async (userId: string) =>
    Number(
      (
        await db.query<{ tokens: string }>(
          "select tokens::text from hearth.spend_daily where user_id = $1 and day = (now() at time zone 'UTC')::date",
          [userId],
        )
      )[0]?.tokens ?? 0,
    );

  it('counts each reply into the day and refuses every reply route once the budget is spent, writing nothing', async () => {
    vi.stubEnv('OFFLINE_MODEL_FIRST_TOKEN_MS', '0');
    vi.stubEnv('OFFLINE_MODEL_WORD_MS', '0');
    vi.stubEnv('BUDGET_TOKENS_PER_DAY_USER', '40');
    const { user, auth, conversationId } = await account();
    const messages = await import('@/app/api/v1/conversations/[id]/messages/route');
    const completions = await import('@/app/api/v1/chat/completions/route');
    const stream = await import('@/app/api/v1/conversations/[id]/stream/route');
    const calls = await import('@/app/api/v1/calls/route');
    const turns = await import('@/app/api/v1/calls/[id]/turns/route');

    const first = await messages.POST(
      post(`/api/v1/conversations/${conversationId}/messages`, { content: 'Hello there, how are you today?' }, auth),
      params({ id: conversationId }),
    );
    expect(first.status).toBe(201);
    const afterOne = await spentToday(user.id);
    expect(afterOne).toBeGreaterThan(0);
    // Replies count until the budget is reached; the one that crosses it is still answered.
    for (let i = 0; (await spentToday(user.id)) < 40 && i < 20; i++) {
      const answered = await completions.POST(
        post(
          '/api/v1/chat/completions',
          { model: 'companion/marcus', messages: [{ role: 'user', content: 'Tell me more' }] },
          auth,
        ),
        params({}),
      );
      expect(answered.status).toBe(200);
      await answered.json();
      await afterRepliesSettled();
    }
    expect(await spentToday(user.id)).toBeGreaterThanOrEqual(40);

    const call = await calls.POST(post('/api/v1/calls', { companion: 'marcus', language: 'en-US' }, auth), params({}));
    expect(call.status).toBe(201);
    const callId = ((await call.json()) as { id: string }).id;
    const stored = await messages.POST(
      post(`/api/v1/conversations/${conversationId}/messages`, { content: 'Just noting', reply: false }, auth),
      params({ id: conversationId }),
    );
    expect(stored.status).toBe(201);

    const before = await rowCounts(user.id);
    const form = new FormData();
    form.set('text', 'Are you there?');
    const refusals = [
      await messages.POST(
        post(`/api/v1/conversations/${conversationId}/messages`, { content: 'One more' }, auth),
        params({ id: conversationId }),
      ),
      await stream.POST(
        new Request(`http://hearth.test/api/v1/conversations/${conversationId}/stream`, {
          method: 'POST',
          headers: auth,
        }),
        params({ id: conversationId }),
      ),
      await completions.POST(
        post(
          '/api/v1/chat/completions',
          { model: 'companion/marcus', messages: [{ role: 'user', content: 'Hi' }] },
          auth,
        ),
        params({}),
      ),
      await turns.POST(
        new Request(`http://hearth.test/api/v1/calls/${callId}/turns`, { method: 'POST', headers: auth, body: form }),
        params({ id: callId }),
      ),
    ];
    for (const refused of refusals) {
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(86_400);
      const { error } = await refused.json();
      expect(error).toMatchObject({
        type: 'rate_limit_error',
        code: 'daily_budget',
        message: expect.stringMatching(/^You have used today’s budget of 40 tokens/),
      });
    }
    expect(await rowCounts(user.id)).toBe(before);
  });

  it('refuses a second reply while one is being written, and frees the slot once it is saved', async () => {
    vi.stubEnv('OFFLINE_MODEL_FIRST_TOKEN_MS', '800');
    vi.stubEnv('OFFLINE_MODEL_WORD_MS', '0');
    vi.stubEnv('MAX_CONCURRENT_REPLIES_USER', '1');
    const { user, auth, conversationId } = await account();
    const messages = await import('@/app/api/v1/conversations/[id]/messages/route');
    const completions = await import('@/app/api/v1/chat/completions/route');

    const streaming = await messages.POST(
      post(`/api/v1/conversations/${conversationId}/messages`, { content: 'Hello', stream: true }, auth),
      params({ id: conversationId }),
    );
    expect(streaming.status).toBe(200);
    const before = await rowCounts(user.id);
    const refused = await completions.POST(
      post(
        '/api/v1/chat/completions',
        { model: 'companion/marcus', messages: [{ role: 'user', content: 'Hi' }] },
        auth,
      ),
      params({}),
    );
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect((await refused.json()).error).toEqual({
      type: 'rate_limit_error',
      code: 'concurrent_streams',
      message: 'A reply is already being written for you, the most at once. Wait for it to finish, or stop it.',
    });
    expect(await rowCounts(user.id)).toBe(before);

    await streaming.text(); // the reply ends, is saved, and its slot is freed
    const deadline = Date.now() + 5_000;
    let next: Response;
    do {
      next = await completions.POST(
        post(
          '/api/v1/chat/completions',
          { model: 'companion/marcus', messages: [{ role: 'user', content: 'Hi' }] },
          auth,
        ),
        params({}),
      );
    } while (
      next.status === 429 &&
      Date.now() < deadline &&
      (await new Promise((resolve) => setTimeout(resolve, 50))) === undefined
    );
    expect(next.status).toBe(200);
    await next.json();
  });

  it.each([0, -5, 1.5, 'lots'])('refuses max_tokens %s on chat/completions with a 400 envelope', async (maxTokens) => {
    const { auth } = await account();
    const completions = await import('@/app/api/v1/chat/completions/route');
    const refused = await completions.POST(
      post(
        '/api/v1/chat/completions',
        { model: 'companion/marcus', messages: [{ role: 'user', content: 'Hi' }], max_tokens: maxTokens },
        auth,
      ),
      params({}),
    );
    expect(refused.status).toBe(400);
    const { error } = await refused.json();
    expect(error).toMatchObject({
      type: 'invalid_request_error',
      param: 'max_tokens',
      message: expect.stringMatching(/^max_tokens must be/),
    });
  });
});
