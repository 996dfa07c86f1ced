import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiKey } from '@/lib/api-keys/keys';
import { insertMessage } from '@/lib/conversations/messages';
import { startConversation } from '@/lib/conversations/service';
import { openDatabase, type Database } from '@/lib/db';
import { withUser } from '@/lib/db/scope';
import { createTestUser } from '@/lib/testing/databases';
import { stubNoLimitsAndInstantReplies } from '@/lib/testing/unlimited';
import * as messages from '../../route';
import * as route from './route';

describe('PUT and DELETE /api/v1/conversations/{id}/messages/{messageId}/rating', () => {
  let db: Database;
  let alice: { id: string };
  let aliceKey: string;
  let bobKey: string;
  const globals = globalThis as { __hearthDb?: Promise<Database> };
  const previous = globals.__hearthDb;

  beforeAll(async () => {
    stubNoLimitsAndInstantReplies();
    db = await openDatabase({ memory: true });
    globals.__hearthDb = Promise.resolve(db);
    alice = await createTestUser(db, 'rater');
    aliceKey = (await createApiKey(alice, 'rater', db)).key;
    const bob = await createTestUser(db, 'other');
    bobKey = (await createApiKey(bob, 'other', db)).key;
  });
  afterAll(async () => {
    globals.__hearthDb = previous;
    vi.unstubAllEnvs();
    await db.close();
  });

  async function aliceConversation() {
    const conversationId = (await startConversation(alice, { companion: 'marcus' }, db)).id;
    return withUser(
      alice,
      async (tx) => ({
        conversationId,
        question: await insertMessage(tx, { conversationId, role: 'user', text: 'Hi', status: 'complete' }),
        reply: await insertMessage(tx, {
          conversationId,
          role: 'assistant',
          text: 'Hello.',
          status: 'complete',
          model: 'offline/hearth-demo',
        }),
      }),
      db,
    );
  }

  const call = (
    method: 'PUT' | 'DELETE',
    key: string,
    params: { id: string; messageId: string },
    body?: unknown,
  ): Promise<Response> =>
    route[method](
      new Request(`http://hearth.test/api/v1/conversations/${params.id}/messages/${params.messageId}/rating`, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
      { params: Promise.resolve(params) },
    );

  async function listedRating(conversationId: string, messageId: string) {
    const response = await messages.GET(
      new Request(`http://hearth.test/api/v1/conversations/${conversationId}/messages`, {
        headers: { authorization: `Bearer ${aliceKey}` },
      }),
      { params: Promise.resolve({ id: conversationId }) },
    );
    const { data } = (await response.json()) as { data: { id: string; rating: number | null }[] };
    return data.find((m) => m.id === messageId)?.rating;
  }

  it('rates a reply, shows the rating in the message list, and clears it', async () => {
    const { conversationId, reply } = await aliceConversation();
    const rated = await call('PUT', aliceKey, { id: conversationId, messageId: reply }, { value: -1 });
    expect(rated.status).toBe(200);
    expect(await rated.json()).toMatchObject({ id: reply, role: 'assistant', rating: -1 });
    expect(await listedRating(conversationId, reply)).toBe(-1);

    const cleared = await call('DELETE', aliceKey, { id: conversationId, messageId: reply });
    expect(cleared.status).toBe(204);
    expect(await listedRating(conversationId, reply)).toBeNull();
    // Clearing what is not rated is not an error.
    expect((await call('DELETE', aliceKey, { id: conversationId, messageId: reply })).status).toBe(204);
  });

  it('refuses a value other than 1 or -1 with the error envelope naming the field', async () => {
    const { conversationId, reply } = await aliceConversation();
    for (const body of [{ value: 0 }, { value: '1' }, { value: null }, {}, { value: 1, extra: true }]) {
      const response = await call('PUT', aliceKey, { id: conversationId, messageId: reply }, body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    }
    const badId = await call('PUT', aliceKey, { id: conversationId, messageId: 'not-a-uuid' }, { value: 1 });
    expect(await badId.json()).toMatchObject({ error: { param: 'messageId' } });
    expect(await listedRating(conversationId, reply)).toBeNull();
  });

  it("answers 400 for the person's own message, 404 for another person's key or conversation", async () => {
    const { conversationId, question, reply } = await aliceConversation();
    const own = await call('PUT', aliceKey, { id: conversationId, messageId: question }, { value: 1 });
    expect(own.status).toBe(400);
    const asBob = await call('PUT', bobKey, { id: conversationId, messageId: reply }, { value: 1 });
    expect(asBob.status).toBe(404);
    expect(await asBob.json()).toMatchObject({ error: { type: 'not_found_error' } });
    expect((await call('DELETE', bobKey, { id: conversationId, messageId: reply })).status).toBe(404);
    const other = await aliceConversation();
    const elsewhere = await call('PUT', aliceKey, { id: other.conversationId, messageId: reply }, { value: 1 });
    expect(elsewhere.status).toBe(404);
    expect(await listedRating(conversationId, reply)).toBeNull();
  });
});
