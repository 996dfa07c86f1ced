import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConversation } from '@/lib/conversations/service';
import { getConversationWithCompanion } from '@/lib/conversations/queries';
import { insertMessage, listHistory } from '@/lib/conversations/messages';
import type { Database } from '@/lib/db';
import { withUser, type UserScope } from '@/lib/db/scope';
import { putPersona } from '@/lib/profile/persona-queries';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { readStoredTurn } from './turn-read';

/**
 * The turn's one-statement read (hearth.turn_read) restates in SQL what the app's own queries
 * read: the two must agree, field for field, or a companion field added to one is missing from
 * every chat turn.
 */
describe.each(TEST_DATABASES)('the turn read on $name', ({ open }) => {
  let db: Database;
  let user: UserScope;
  let stranger: UserScope;
  let conversationId: string;

  beforeAll(async () => {
    db = await open();
    user = await createTestUser(db, 'turn-read');
    stranger = await createTestUser(db, 'turn-read-stranger');
    conversationId = (await startConversation(user, { companion: 'lucia' }, db)).id;
    await withUser(
      user,
      async (tx) => {
        const companionId = (await getConversationWithCompanion(tx, conversationId))!.companion.id;
        await putPersona(tx, companionId, { name: 'Sam', pronouns: 'they/them', about: 'Bakes bread.' });
        await insertMessage(tx, { conversationId, role: 'user', text: 'Hello there', status: 'complete' });
        await insertMessage(tx, { conversationId, role: 'assistant', text: 'Hi Sam!', status: 'complete' });
        await insertMessage(tx, {
          conversationId,
          role: 'user',
          text: 'Look at this',
          status: 'complete',
          parts: [
            { type: 'text', text: 'Look ' },
            { type: 'file', mediaType: 'image/png', url: '/api/v1/uploads/x' },
            { type: 'text', text: 'at this' },
          ],
        });
      },
      db,
    );
  });
  afterAll(async () => {
    await db?.close();
  });

  const bothReads = (limit: number) =>
    withUser(
      user,
      async (tx) => {
        const apart = (await getConversationWithCompanion(tx, conversationId))!;
        return {
          together: await readStoredTurn(tx, conversationId, limit),
          apart: {
            ...apart,
            history: await listHistory(tx, conversationId, limit, { afterSeq: apart.summary.throughSeq }),
          },
        };
      },
      db,
    );

  it('reads what the conversation, persona and history queries read', async () => {
    const { together, apart } = await bothReads(200);
    expect(together).toEqual(apart);
    expect(together!.person).toEqual({ name: 'Sam', pronouns: 'they/them', about: 'Bakes bread.' });
    expect(together!.history.map((m) => m.text)).toEqual([
      apart.history[0]!.text,
      'Hello there',
      'Hi Sam!',
      'Look at this',
    ]);
    expect(together!.history.at(-1)!.hasFiles).toBe(true);
  });

  it('keeps the newest messages within the limit, oldest first, and none for a limit of 0', async () => {
    const { together, apart } = await bothReads(2);
    expect(together!.history.map((m) => m.text)).toEqual(['Hi Sam!', 'Look at this']);
    expect(together!.history).toEqual(apart.history);
    expect((await withUser(user, (tx) => readStoredTurn(tx, conversationId, 0), db))!.history).toEqual([]);
  });

  it('reads nothing of another person’s conversation', async () => {
    expect(await withUser(stranger, (tx) => readStoredTurn(tx, conversationId, 200), db)).toBeNull();
  });
});
