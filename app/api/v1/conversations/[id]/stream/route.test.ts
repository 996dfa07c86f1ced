import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiKey } from '@/lib/api-keys/keys';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import { saveUserMessage } from '@/lib/chat/pipeline';
import { startConversation } from '@/lib/conversations/service';
import { openDatabase, type Database } from '@/lib/db';
import { createTestUser } from '@/lib/testing/databases';
import * as route from './route';
import { stubNoLimitsAndInstantReplies } from '@/lib/testing/unlimited';

/**
 * No GET starts work: a link, an <img> or another site's page can make a browser GET any address
 * with the session cookie, and this route starts a reply (a paid model's tokens). Starting is a
 * POST; a GET is Next.js's 405 for a method the route does not export.
 */
describe('POST /api/v1/conversations/{id}/stream', () => {
  let db: Database;
  let key: string;
  let user: { id: string };
  const globals = globalThis as { __hearthDb?: Promise<Database> };
  const previous = globals.__hearthDb;
  beforeAll(async () => {
    stubNoLimitsAndInstantReplies();
    db = await openDatabase({ memory: true });
    globals.__hearthDb = Promise.resolve(db);
    user = await createTestUser(db, 'stream');
    key = (await createApiKey(user, 'stream', db)).key;
  });
  afterAll(async () => {
    await afterRepliesSettled();
    globals.__hearthDb = previous;
    vi.unstubAllEnvs();
    await db.close();
  });

  it('has no GET to start a reply with', () => {
    expect(
      Object.keys(route)
        .filter((name) => /^[A-Z]+$/.test(name))
        .sort(),
    ).toEqual(['OPTIONS', 'POST']);
  });

  it('answers the waiting message once by POST, then 409', async () => {
    const conversationId = (await startConversation(user, { companion: 'marcus' }, db)).id;
    await saveUserMessage(user, { conversationId, text: 'Are you there?' }, db);
    const post = () =>
      route.POST(
        new Request(`http://hearth.test/api/v1/conversations/${conversationId}/stream`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}` },
        }),
        {
          params: Promise.resolve({ id: conversationId }),
        },
      );
    const answered = await post();
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain('event: message_stop');
    await afterRepliesSettled();
    expect((await post()).status).toBe(409);
  });
});
