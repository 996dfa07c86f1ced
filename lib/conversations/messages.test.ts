import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db';
import { listCompanions } from '@/lib/companions/queries';
import { createConversation } from '@/lib/conversations/queries';
import type { Page } from '@/lib/db/cursor';
import { insertMessage, listMessagePage, textOf, type StoredMessage } from '@/lib/conversations/messages';
import { withUser } from '@/lib/db/scope';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';

describe.each(TEST_DATABASES)('message pages on $name', ({ open }) => {
  let db: Database;
  let user: { id: string };
  let conversationId: string;
  const written: string[] = [];

  const pageAt = (limit: number, cursor?: string | null) =>
    withUser(user, (tx) => listMessagePage(tx, conversationId, { limit, cursor }), db);

  beforeAll(async () => {
    db = await open();
    user = await createTestUser(db, 'messages');
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
        for (let i = 0; i < 9; i++) {
          written.push(
            await insertMessage(tx, {
              conversationId,
              role: i % 2 ? 'assistant' : 'user',
              text: `message ${i}`,
              status: 'complete',
            }),
          );
        }
      },
      db,
    );
  });
  afterAll(() => db?.close());

  it('starts with the oldest messages and walks forward without gaps or repeats', async () => {
    const first = await pageAt(4);
    expect(first.items.map((m) => textOf(m))).toEqual(['hello', 'message 0', 'message 1', 'message 2']);

    const seen: string[] = [];
    let page: Page<StoredMessage> = first;
    for (;;) {
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items.map((m) => m.id));
      if (!page.nextCursor) break;
      page = await pageAt(4, page.nextCursor);
    }
    expect(seen).toHaveLength(10);
    expect(seen.slice(1)).toEqual(written);
  });

  it('ends with a null cursor when the last page is exactly full', async () => {
    const all = await pageAt(10);
    expect(all.items).toHaveLength(10);
    expect(all.nextCursor).toBeNull();
    const firstFive = await pageAt(5);
    const lastFive = await pageAt(5, firstFive.nextCursor);
    expect(lastFive.items.map((m) => m.id)).toEqual(written.slice(4));
    expect(lastFive.nextCursor).toBeNull();
  });

  it('continues from a cursor into messages written after it was handed out', async () => {
    const firstPage = await pageAt(6);
    const later = await withUser(
      user,
      (tx) => insertMessage(tx, { conversationId, role: 'user', text: 'later', status: 'complete' }),
      db,
    );
    const rest = await pageAt(50, firstPage.nextCursor);
    expect(rest.items.map((m) => m.id)).toEqual([...written.slice(5), later]);
    expect(rest.nextCursor).toBeNull();
  });

  it('refuses a malformed cursor as a bad request naming it', async () => {
    for (const cursor of [
      'not-a-cursor',
      Buffer.from('12a').toString('base64url'),
      Buffer.from('9'.repeat(30)).toString('base64url'),
    ]) {
      await expect(pageAt(3, cursor)).rejects.toMatchObject({ status: 400, param: 'cursor' });
    }
  });

  it('shows another user nothing of this conversation', async () => {
    const stranger = await createTestUser(db, 'stranger');
    const page = await withUser(stranger, (tx) => listMessagePage(tx, conversationId, { limit: 50 }), db);
    expect(page).toEqual({ items: [], nextCursor: null });
  });
});
