import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db';
import { listCompanions } from '@/lib/companions/queries';
import { createConversation, listConversations } from '@/lib/conversations/queries';
import { insertMessage, listMessages } from '@/lib/conversations/messages';
import { migrate } from '@/lib/db/migrate';
import { withAnon, withUser } from '@/lib/db/scope';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';

describe.each(TEST_DATABASES)('database on $name', ({ open }) => {
  let db: Database;
  let alice: { id: string };
  let bob: { id: string };
  let aliceConversation: string;
  let aliceMessage: string;

  beforeAll(async () => {
    db = await open();
    alice = await createTestUser(db, 'alice');
    bob = await createTestUser(db, 'bob');
    await withUser(
      alice,
      async (tx) => {
        const [companion] = await listCompanions(tx);
        const conversation = await createConversation(tx, {
          companionId: companion!.id,
          model: 'offline/hearth-demo',
          language: 'en-US',
          greeting: 'Hello Alice',
        });
        aliceConversation = conversation.id;
        aliceMessage = await insertMessage(tx, {
          conversationId: conversation.id,
          role: 'user',
          text: 'a secret',
          status: 'complete',
        });
      },
      db,
    );
  });

  afterAll(() => db?.close());

  it('applies migrations a second time without changing anything', async () => {
    expect(await migrate(db)).toEqual([]);
    const [row] = await db.query<{ n: number }>('select count(*)::int as n from supabase_migrations.schema_migrations');
    expect(row!.n).toBeGreaterThan(0);
  });

  it('seeds at least eight active companions, readable by anyone', async () => {
    const companions = await withAnon((tx) => listCompanions(tx), db);
    expect(companions.length).toBeGreaterThanOrEqual(8);
    expect(new Set(companions.map((c) => c.slug)).size).toBe(companions.length);
  });

  it('shows a user their own conversation and its messages', async () => {
    const page = await withUser(alice, (tx) => listConversations(tx), db);
    expect(page.items.map((c) => c.id)).toContain(aliceConversation);
    const messages = await withUser(alice, (tx) => listMessages(tx, aliceConversation), db);
    expect(messages.map((m) => m.role)).toEqual(['assistant', 'user']);
  });

  it("hides another user's conversations and messages from raw SQL", async () => {
    const seen = await withUser(
      bob,
      async (tx) => ({
        conversations: await tx.query('select * from hearth.conversations'),
        messages: await tx.query('select * from hearth.messages where conversation_id = $1', [aliceConversation]),
        byId: await tx.query('select * from hearth.messages where id = $1', [aliceMessage]),
      }),
      db,
    );
    expect(seen).toEqual({ conversations: [], messages: [], byId: [] });
  });

  it("refuses to update or delete another user's rows", async () => {
    await withUser(
      bob,
      async (tx) => {
        const updated = await tx.query("update hearth.conversations set title = 'pwned' where id = $1 returning id", [
          aliceConversation,
        ]);
        const deleted = await tx.query('delete from hearth.messages where id = $1 returning id', [aliceMessage]);
        const deletedConversations = await tx.query('delete from hearth.conversations returning id');
        expect([updated, deleted, deletedConversations]).toEqual([[], [], []]);
      },
      db,
    );
    const [row] = await db.query<{ title: string }>('select title from hearth.conversations where id = $1', [
      aliceConversation,
    ]);
    expect(row!.title).toBe('New chat');
  });

  it("refuses to insert into another user's conversation, even claiming their id", async () => {
    const asBob = withUser(
      bob,
      (tx) =>
        tx.query("insert into hearth.messages (conversation_id, user_id, role, parts) values ($1, $2, 'user', '[]')", [
          aliceConversation,
          alice.id,
        ]),
      db,
    );
    await expect(asBob).rejects.toMatchObject({ code: '42501' });
    const intoOwnName = withUser(
      bob,
      (tx) =>
        tx.query("insert into hearth.messages (conversation_id, role, parts) values ($1, 'user', '[]')", [
          aliceConversation,
        ]),
      db,
    );
    await expect(intoOwnName).rejects.toMatchObject({ code: '42501' });
  });

  it('gives anon no access to conversations or users', async () => {
    await expect(withAnon((tx) => tx.query('select * from hearth.conversations'), db)).rejects.toMatchObject({
      code: '42501',
    });
    await expect(withAnon((tx) => tx.query('select * from hearth.users'), db)).rejects.toMatchObject({ code: '42501' });
  });
});
