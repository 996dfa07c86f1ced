import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMessage, updateMessageText } from '@/lib/conversations/messages';
import { renameConversation } from '@/lib/conversations/queries';
import { startConversation } from '@/lib/conversations/service';
import type { Database } from '@/lib/db';
import { withAnon, withUser } from '@/lib/db/scope';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { readSharedSnapshot } from './queries';
import { listShares, openSharedSnapshot, shareConversation, turnOffShare } from './service';

describe.each(TEST_DATABASES)('shared links on $name', ({ open }) => {
  let db: Database;
  let alice: { id: string };
  let bob: { id: string };
  let conversationId: string;
  let firstReplyId: string;

  beforeAll(async () => {
    db = await open();
    alice = await createTestUser(db, 'Alice Example');
    bob = await createTestUser(db, 'bob');
    conversationId = (await startConversation(alice, { companion: 'marcus', title: 'Evening chat' }, db)).id;
    await withUser(
      alice,
      async (tx) => {
        await insertMessage(tx, { conversationId, role: 'user', text: 'I passed my exam!', status: 'complete' });
        firstReplyId = await insertMessage(tx, {
          conversationId,
          role: 'assistant',
          text: 'Congratulations, **well done**.',
          status: 'complete',
          model: 'offline/hearth-demo',
        });
        // Neither a reply still being written nor one that failed belongs in a copy.
        await insertMessage(tx, { conversationId, role: 'assistant', text: 'half a tho', status: 'streaming' });
        await insertMessage(tx, { conversationId, role: 'assistant', text: 'broken', status: 'error' });
        // A picture alone has no text to share.
        await insertMessage(tx, {
          conversationId,
          role: 'user',
          text: '',
          status: 'complete',
          parts: [{ type: 'file', mediaType: 'image/png', url: '/api/v1/uploads/x/content' }],
        });
      },
      db,
    );
  });
  afterAll(() => db?.close());

  it('copies the text messages as they are now; later messages, edits and renames stay out', async () => {
    const link = await shareConversation(alice, { conversationId, showName: false }, db);
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.messageCount).toBe(3);

    await withUser(
      alice,
      async (tx) => {
        await insertMessage(tx, { conversationId, role: 'user', text: 'A later secret', status: 'complete' });
        await updateMessageText(tx, firstReplyId, 'Edited afterwards');
        await renameConversation(tx, conversationId, 'Renamed later');
      },
      db,
    );
    const snapshot = await openSharedSnapshot(link.token, db);
    expect(snapshot!.title).toBe('Evening chat');
    expect(snapshot!.messages).toEqual([
      { role: 'assistant', text: expect.any(String) }, // the greeting
      { role: 'user', text: 'I passed my exam!' },
      { role: 'assistant', text: 'Congratulations, **well done**.' },
    ]);
    expect(JSON.stringify(snapshot)).not.toMatch(/later secret|Edited afterwards|Renamed later|half a tho|broken/);
  });

  it('shows a signed-out reader only the public fields: no ids, emails, models or instructions', async () => {
    const link = await shareConversation(alice, { conversationId, showName: false }, db);
    const snapshot = await withAnon((tx) => readSharedSnapshot(tx, link.token), db);
    expect(Object.keys(snapshot!).sort()).toEqual([
      'authorName',
      'companion',
      'createdAt',
      'messages',
      'omitted',
      'title',
    ]);
    expect(Object.keys(snapshot!.companion).sort()).toEqual(['accentColor', 'avatarUrl', 'name', 'slug', 'tagline']);
    expect(snapshot!.companion).toMatchObject({
      slug: 'marcus',
      name: expect.any(String),
      tagline: expect.any(String),
    });
    expect(snapshot!.authorName).toBeNull();
    const raw = await withAnon(
      (tx) => tx.query<Record<string, unknown>>('select * from hearth.shared_snapshot($1)', [link.token]),
      db,
    );
    const text = JSON.stringify(raw);
    expect(text).not.toContain(alice.id);
    expect(text).not.toContain(conversationId);
    expect(text).not.toMatch(/@test\.hearth\.local|offline\/hearth-demo/);
  });

  it('shows the person’s name only when they choose to', async () => {
    const link = await shareConversation(alice, { conversationId, showName: true }, db);
    expect(link.showsName).toBe(true);
    expect((await openSharedSnapshot(link.token, db))!.authorName).toBe('Alice Example');
  });

  it('turns a link off: the page finds nothing, and the link leaves the list', async () => {
    const link = await shareConversation(alice, { conversationId, showName: false }, db);
    expect(await openSharedSnapshot(link.token, db)).not.toBeNull();
    await turnOffShare(alice, link.id, db);
    expect(await openSharedSnapshot(link.token, db)).toBeNull();
    expect((await listShares(alice, conversationId, db)).map((l) => l.id)).not.toContain(link.id);
    await expect(turnOffShare(alice, link.id, db)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps one person’s links from everyone else: not listed, not turned off, not made for them', async () => {
    const link = await shareConversation(alice, { conversationId, showName: false }, db);
    expect(await listShares(bob, undefined, db)).toEqual([]);
    await expect(turnOffShare(bob, link.id, db)).rejects.toMatchObject({ code: 'not_found' });
    expect(await openSharedSnapshot(link.token, db)).not.toBeNull();
    await expect(shareConversation(bob, { conversationId, showName: false }, db)).rejects.toMatchObject({
      code: 'not_found',
    });
    // In raw SQL too: Bob sees no row, deletes none, and cannot claim Alice's conversation even as Alice.
    const seen = await withUser(
      bob,
      async (tx) => ({
        rows: await tx.query('select * from hearth.shared_snapshots'),
        deleted: await tx.query('delete from hearth.shared_snapshots returning id'),
      }),
      db,
    );
    expect(seen).toEqual({ rows: [], deleted: [] });
    const forged = withUser(
      bob,
      (tx) =>
        tx.query(
          `insert into hearth.shared_snapshots (user_id, conversation_id, token, title, messages)
           values ($1, $2, $3, 'forged', '[]')`,
          [alice.id, conversationId, 'f'.repeat(43)],
        ),
      db,
    );
    await expect(forged).rejects.toMatchObject({ code: '42501' });
    const asHimself = withUser(
      bob,
      (tx) =>
        tx.query(
          `insert into hearth.shared_snapshots (conversation_id, token, title, messages) values ($1, $2, 'forged', '[]')`,
          [conversationId, 'g'.repeat(43)],
        ),
      db,
    );
    await expect(asHimself).rejects.toMatchObject({ code: '42501' });
  });

  it('gives a signed-out reader no way into the table itself, and refuses tokens that are not tokens', async () => {
    await expect(withAnon((tx) => tx.query('select * from hearth.shared_snapshots'), db)).rejects.toMatchObject({
      code: '42501',
    });
    expect(await openSharedSnapshot('not-a-token', db)).toBeNull();
    expect(await openSharedSnapshot('%', db)).toBeNull();
    expect(await openSharedSnapshot('A'.repeat(43), db)).toBeNull();
  });

  it('stops a disabled account’s links, and deletes them with the conversation', async () => {
    const carol = await createTestUser(db, 'carol');
    const id = (await startConversation(carol, { companion: 'marcus' }, db)).id;
    const link = await shareConversation(carol, { conversationId: id, showName: false }, db);
    await db.query('update hearth.users set disabled_at = now() where id = $1', [carol.id]);
    expect(await openSharedSnapshot(link.token, db)).toBeNull();
    await db.query('update hearth.users set disabled_at = null where id = $1', [carol.id]);
    expect(await openSharedSnapshot(link.token, db)).not.toBeNull();
    await withUser(carol, (tx) => tx.query('delete from hearth.conversations where id = $1', [id]), db);
    expect(await openSharedSnapshot(link.token, db)).toBeNull();
  });
});
