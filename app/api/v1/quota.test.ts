import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import { startConversation } from '@/lib/conversations/service';
import { createApiKey } from '@/lib/api-keys/keys';
import { openDatabase, type Database } from '@/lib/db';
import { createTestUser } from '@/lib/testing/databases';

/**
 * The message quota and the sign-up limit on the REST API's real route handlers: a refused
 * request is a 429 with Retry-After and the limit's code, and writes nothing. (The web chat route
 * reads a session cookie, which needs a Next.js request: e2e/rate-limit.spec.ts covers it.) A call's
 * turns count as messages too.
 */
const TABLES = ['users', 'conversations', 'messages', 'api_usage', 'calls', 'call_turns'];

describe('quotas on the REST API', () => {
  let db: Database;
  let auth: { authorization: string };
  let conversationId: string;
  const globalDb = globalThis as { __hearthDb?: Promise<Database> };
  const previousDb = globalDb.__hearthDb;

  beforeAll(async () => {
    vi.stubEnv('OFFLINE_MODEL_FIRST_TOKEN_MS', '0');
    vi.stubEnv('OFFLINE_MODEL_WORD_MS', '0');
    vi.stubEnv('RATE_LIMIT_MESSAGES_PER_HOUR_USER', '2');
    vi.stubEnv('RATE_LIMIT_SIGN_UPS_PER_HOUR_PER_IP', '1');
    vi.stubEnv('TRUST_PROXY', 'true');
    db = await openDatabase({ memory: true });
    globalDb.__hearthDb = Promise.resolve(db);
    const user = await createTestUser(db, 'quota');
    auth = { authorization: `Bearer ${(await createApiKey(user, 'quota', db)).key}` };
    conversationId = (await startConversation(user, { companion: 'marcus' }, db)).id;
  });
  afterAll(async () => {
    await afterRepliesSettled();
    globalDb.__hearthDb = previousDb;
    vi.unstubAllEnvs();
    await db?.close();
  });

  const rowCounts = async () =>
    (
      await db.query<{ n: string }>(
        TABLES.map((t) => `select count(*)::text as n from hearth.${t}`).join(' union all '),
      )
    )
      .map((r) => r.n)
      .join(',');
  const post = (url: string, body: unknown, headers: Record<string, string> = auth) =>
    new Request(`http://hearth.test${url}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const params = <T extends Record<string, string>>(values: T) => ({ params: Promise.resolve(values) });

  it('counts every answered message across the API, and refuses the one past the quota without writing it', async () => {
    const messages = await import('@/app/api/v1/conversations/[id]/messages/route');
    const completions = await import('@/app/api/v1/chat/completions/route');
    const stream = await import('@/app/api/v1/conversations/[id]/stream/route');

    const first = await messages.POST(
      post(`/api/v1/conversations/${conversationId}/messages`, { content: 'Hello there' }),
      params({ id: conversationId }),
    );
    expect(first.status).toBe(201);
    const completed = await completions.POST(
      post('/api/v1/chat/completions', { model: 'companion/marcus', messages: [{ role: 'user', content: 'Hi' }] }),
      params({}),
    );
    expect(completed.status).toBe(200);
    await afterRepliesSettled();

    // Storing a message without asking for a reply is not a message answered.
    const stored = await messages.POST(
      post(`/api/v1/conversations/${conversationId}/messages`, { content: 'Just noting', reply: false }),
      params({ id: conversationId }),
    );
    expect(stored.status).toBe(201);

    const before = await rowCounts();
    const refused = await messages.POST(
      post(`/api/v1/conversations/${conversationId}/messages`, { content: 'One more' }),
      params({ id: conversationId }),
    );
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect((await refused.json()).error).toEqual({
      type: 'rate_limit_error',
      code: 'messages_per_hour',
      message: 'You have sent 2 messages this hour, the most an account can. You can send more in 60 minutes.',
    });
    const answer = await stream.POST(
      new Request(`http://hearth.test/api/v1/conversations/${conversationId}/stream`, {
        method: 'POST',
        headers: auth,
      }),
      params({ id: conversationId }),
    );
    expect(answer.status).toBe(429);
    const completion = await completions.POST(
      post('/api/v1/chat/completions', { model: 'companion/marcus', messages: [{ role: 'user', content: 'Hi' }] }),
      params({}),
    );
    expect(completion.status).toBe(429);
    expect(await rowCounts()).toBe(before);

    // A call's turn is a message too: the call can be made, its turn is refused and not written.
    const calls = await import('@/app/api/v1/calls/route');
    const turns = await import('@/app/api/v1/calls/[id]/turns/route');
    const call = await calls.POST(post('/api/v1/calls', { companion: 'marcus', language: 'en-US' }), params({}));
    expect(call.status).toBe(201);
    const callId = ((await call.json()) as { id: string }).id;
    const afterCall = await rowCounts();
    const form = new FormData();
    form.set('text', 'Are you there?');
    const turn = await turns.POST(
      new Request(`http://hearth.test/api/v1/calls/${callId}/turns`, { method: 'POST', headers: auth, body: form }),
      params({ id: callId }),
    );
    expect(turn.status).toBe(429);
    expect((await turn.json()).error.code).toBe('messages_per_hour');
    expect(await rowCounts()).toBe(afterCall);
  });

  it('limits sign-ups per client address, and refuses without making the account', async () => {
    const users = await import('@/app/api/v1/users/route');
    const signUp = (email: string, address: string) =>
      users.POST(
        post('/api/v1/users', { email, password: 'correct horse battery' }, { 'x-forwarded-for': address }),
        params({}),
      );
    expect((await signUp(`a-${crypto.randomUUID()}@example.com`, '192.0.2.10')).status).toBe(202);
    const before = await rowCounts();
    const refused = await signUp(`b-${crypto.randomUUID()}@example.com`, '192.0.2.10');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('3600');
    expect((await refused.json()).error.code).toBe('sign_ups_per_hour');
    expect(await rowCounts()).toBe(before);
    expect((await signUp(`c-${crypto.randomUUID()}@example.com`, '192.0.2.11')).status).toBe(202);
  });
});
