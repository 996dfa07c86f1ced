import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db';
import { listCompanions } from '@/lib/companions/queries';
import { createConversation } from '@/lib/conversations/queries';
import { insertMessage, listNewestMessagePage, textOf } from '@/lib/conversations/messages';
import { withUser } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';

/** The chat page's read: the newest 50 messages, then 50 older at a time as the person scrolls up. */
describe.each(TEST_DATABASES)('newest-first message pages on $name', ({ open }) => {
  let db: Database;
  let user: { id: string };
  let conversationId: string;
  const texts = ['hello', ...Array.from({ length: 119 }, (_, i) => `message ${i}`)];

  const pageAt = (cursor?: string | null, who = user) =>
    withUser(who, (tx) => listNewestMessagePage(tx, conversationId, { limit: 50, cursor }), db);

  beforeAll(async () => {
    db = await open();
    user = await createTestUser(db, 'newest');
    await withUser(
      user,
      async (tx) => {
        const [companion] = await listCompanions(tx);
        const conversation = await createConversation(tx, {
          companionId: companion!.id,
          model: 'offline/hearth-demo',
          language: 'en-US',
          greeting: 'hello',
        });
        conversationId = conversation.id;
        // One transaction: the timestamps may tie, so only seq can keep the order.
        for (let i = 0; i < 119; i++) {
          await insertMessage(tx, {
            conversationId,
            role: i % 2 ? 'assistant' : 'user',
            text: `message ${i}`,
            status: 'complete',
          });
        }
      },
      db,
    );
  });
  afterAll(() => db?.close());

  it('starts with the newest 50, oldest first, and walks back to the start without gaps or repeats', async () => {
    const newest = await pageAt();
    expect(newest.items.map(textOf)).toEqual(texts.slice(70));
    expect(newest.nextCursor).not.toBeNull();

    const middle = await pageAt(newest.nextCursor);
    expect(middle.items.map(textOf)).toEqual(texts.slice(20, 70));

    const oldest = await pageAt(middle.nextCursor);
    expect(oldest.items.map(textOf)).toEqual(texts.slice(0, 20));
    expect(oldest.nextCursor).toBeNull();
  });

  it('keeps walking back from a cursor while new messages join the end', async () => {
    const newest = await pageAt();
    await withUser(
      user,
      (tx) => insertMessage(tx, { conversationId, role: 'user', text: 'written later', status: 'complete' }),
      db,
    );
    expect((await pageAt(newest.nextCursor)).items.map(textOf)).toEqual(texts.slice(20, 70));
    expect((await pageAt()).items.map(textOf).at(-1)).toBe('written later');
  });

  it('refuses a malformed cursor as a bad request naming it', async () => {
    const error = await pageAt(Buffer.from('1 or 1=1').toString('base64url')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HearthError);
    expect(error).toMatchObject({ status: 400, param: 'cursor' });
  });

  it('shows another user nothing of this conversation', async () => {
    const stranger = await createTestUser(db, 'stranger');
    expect(await pageAt(null, stranger)).toEqual({ items: [], nextCursor: null });
  });
});
