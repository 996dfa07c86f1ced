import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db';
import { listCompanions } from '@/lib/companions/queries';
import { createConversation, listConversations } from '@/lib/conversations/queries';
import { withUser } from '@/lib/db/scope';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';

describe.each(TEST_DATABASES)('conversation list on $name', ({ open }) => {
  let db: Database;
  let user: { id: string };
  const ids: string[] = [];

  beforeAll(async () => {
    db = await open();
    user = await createTestUser(db, 'pager');
    const [companion] = await withUser(user, listCompanions, db);
    // One transaction each: now() is the transaction's start, so they get distinct times.
    for (let i = 0; i < 7; i++) {
      const c = await withUser(
        user,
        (tx) =>
          createConversation(tx, {
            companionId: companion!.id,
            model: 'offline/hearth-demo',
            language: 'en-US',
            greeting: 'hi',
            title: `chat ${i}`,
          }),
        db,
      );
      ids.push(c.id);
    }
    // Touch the oldest last: it must now lead the list.
    await withUser(
      user,
      (tx) => tx.query('update hearth.conversations set updated_at = now() where id = $1', [ids[0]]),
      db,
    );
  });
  afterAll(() => db?.close());

  it('pages newest first with a cursor, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listConversations>> = await withUser(
        user,
        (tx) => listConversations(tx, { limit: 3, cursor }),
        db,
      );
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen[0]).toBe(ids[0]);
    expect(seen.slice(1)).toEqual(ids.slice(1).reverse());
  });

  it('refuses a malformed cursor as a bad request naming it, instead of restarting at the first page', async () => {
    for (const cursor of ['not-a-cursor', Buffer.from('2026-01-01 00:00:00+00|nope').toString('base64url')]) {
      await expect(withUser(user, (tx) => listConversations(tx, { limit: 2, cursor }), db)).rejects.toMatchObject({
        status: 400,
        param: 'cursor',
      });
    }
  });

  it('lists each conversation with its model, language, times and companion', async () => {
    const { items } = await withUser(user, (tx) => listConversations(tx, { limit: 1 }), db);
    const [companion] = await withUser(user, listCompanions, db);
    expect(items[0]).toEqual({
      id: ids[0],
      title: 'chat 0',
      model: 'offline/hearth-demo',
      language: 'en-US',
      companionId: companion!.id,
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
      pinnedAt: null,
      archivedAt: null,
      companion: {
        id: companion!.id,
        slug: companion!.slug,
        name: companion!.name,
        avatarUrl: companion!.avatarUrl,
        accentColor: companion!.accentColor,
      },
    });
  });

  it('narrows the list to one companion', async () => {
    const [first, second] = await withUser(user, listCompanions, db);
    const other = await withUser(
      user,
      (tx) =>
        createConversation(tx, {
          companionId: second!.id,
          model: 'offline/hearth-demo',
          language: 'en-US',
          greeting: 'hi',
        }),
      db,
    );
    const page = await withUser(user, (tx) => listConversations(tx, { companionId: second!.id }), db);
    expect(page.items.map((c) => c.id)).toEqual([other.id]);
    const firsts = await withUser(user, (tx) => listConversations(tx, { companionId: first!.id }), db);
    expect(firsts.items).toHaveLength(7);
  });
});
