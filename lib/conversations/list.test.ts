import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db';
import { withUser } from '@/lib/db/scope';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { insertMessage } from './messages';
import { prefixQuery, searchConversations } from './search';
import {
  changeConversationListing,
  conversationList,
  pageOfConversations,
  searchUserConversations,
  startConversation,
} from './service';

describe('prefixQuery', () => {
  it('keeps letters and digits as prefixes that must all appear, so no input can break to_tsquery', () => {
    expect(prefixQuery('Hik Lisbon')).toBe('hik:* & lisbon:*');
    expect(prefixQuery("it's & | ! (x) <-> :* 'y'")).toBe('it:* & s:* & x:* & y:*');
    expect(prefixQuery('Ñandú café 42')).toBe('ñandú:* & café:* & 42:*');
    expect(prefixQuery('  ¿? !! ')).toBeNull();
    expect(prefixQuery('a a a')).toBe('a:*');
  });
});

describe.each(TEST_DATABASES)('the chat list on $name', ({ open }) => {
  let db: Database;
  let me: { id: string };
  let stranger: { id: string };

  beforeAll(async () => {
    db = await open();
    me = await createTestUser(db, 'lister');
    stranger = await createTestUser(db, 'stranger');
  });
  afterAll(() => db?.close());

  const slug = async () =>
    (await db.query<{ slug: string }>('select slug from hearth.companions order by slug limit 1'))[0]!.slug;
  const conversationWith = async (user: { id: string }, title: string, said: string[] = []) => {
    const conversation = await startConversation(user, { companion: await slug(), title }, db);
    for (const text of said) {
      await withUser(
        user,
        (tx) => insertMessage(tx, { conversationId: conversation.id, role: 'user', text, status: 'complete' }),
        db,
      );
    }
    return conversation.id;
  };

  it('finds a word in an older message, marks it in a snippet, and never another person’s words', async () => {
    const mine = await conversationWith(me, 'Weekend plans', [
      'Long before that trip I started hiking in the mountains near Sintra with my sister every Sunday',
      'Something else entirely',
    ]);
    const theirs = await conversationWith(stranger, 'Hiking club', ['I love hiking and zephyrine sunsets']);

    const hits = await withUser(me, (tx) => searchConversations(tx, 'HIK sintra'), db);
    expect(hits.map((h) => h.conversation.id)).toEqual([mine]);
    const snippet = hits[0]!.snippet!;
    expect(snippet.filter((p) => p.match).map((p) => p.text)).toEqual(['hiking', 'Sintra']);
    expect(snippet.map((p) => p.text).join('')).toContain('started hiking in the mountains near Sintra');
    expect(hits[0]!.title).toEqual([{ text: 'Weekend plans', match: false }]);

    // The stranger's title and words match their own search, and nobody else's.
    expect(await searchUserConversations(me, 'zephyrine', db)).toEqual([]);
    expect((await searchUserConversations(me, 'club', db)).map((h) => h.conversation.id)).not.toContain(theirs);
    expect((await searchUserConversations(stranger, 'zephyrine', db)).map((h) => h.conversation.id)).toEqual([theirs]);
  });

  it('matches titles, marking the words, and finds nothing for a query without words', async () => {
    const id = await conversationWith(me, 'Quarterly budget review');
    const [hit] = await searchUserConversations(me, 'quarter', db);
    expect(hit?.conversation.id).toBe(id);
    expect(hit?.title).toEqual([
      { text: 'Quarterly', match: true },
      { text: ' budget review', match: false },
    ]);
    expect(hit?.snippet).toBeNull();
    expect(await searchUserConversations(me, '  ?! ', db)).toEqual([]);
  });

  it('searches messages through the index, which RLS alone would not let the planner use', async () => {
    const plan = async (sql: string) =>
      (
        await withUser(
          me,
          async (tx) => {
            await tx.query('set local enable_seqscan = off');
            return tx.query<{ 'QUERY PLAN': string }>(`explain ${sql}`);
          },
          db,
        )
      )
        .map((r) => r['QUERY PLAN'])
        .join('\n');
    const words = `to_tsvector('simple'::regconfig, jsonb_path_query_array(m.parts, '$[*] ? (@.type == "text").text'))`;
    // The reason for hearth.search_messages: in the person's scope, the same filter reads every row.
    await expect(
      plan(`select 1 from hearth.messages m where ${words} @@ to_tsquery('simple', 'hik:*')`),
    ).resolves.not.toContain('messages_search_idx');
    // The function's body is the owner's query; its plan must use the index.
    const owner = await db.transaction(async (tx) => {
      await tx.query('set local enable_seqscan = off');
      return tx.query<{ 'QUERY PLAN': string }>(
        `explain select m.conversation_id from hearth.messages m where ${words} @@ to_tsquery('simple', 'hik:*')`,
      );
    });
    expect(owner.map((r) => r['QUERY PLAN']).join('\n')).toContain('messages_search_idx');
    const body = await db.query<{ body: string }>(
      "select prosrc as body from pg_proc where proname = 'search_messages' and pronamespace = 'hearth'::regnamespace",
    );
    expect(body[0]!.body.replace(/\s+/g, ' ')).toContain(words.replace(/\s+/g, ' '));
  });

  it('pins to the top, archives out of the list (unpinning), and unarchives back', async () => {
    const older = await conversationWith(me, 'Older');
    const newer = await conversationWith(me, 'Newer');
    const ids = (list: { id: string }[]) => list.map((c) => c.id);

    await changeConversationListing(me, older, 'pin', db);
    let list = await conversationList(me, db);
    expect(ids(list.pinned)).toEqual([older]);
    expect(ids(list.recent.items)).toContain(newer);
    expect(ids(list.recent.items)).not.toContain(older);
    expect(list.pinned[0]!.pinnedAt).toBeInstanceOf(Date);

    await changeConversationListing(me, older, 'archive', db);
    list = await conversationList(me, db);
    expect(ids([...list.pinned, ...list.recent.items])).not.toContain(older);
    const archived = await pageOfConversations(me, { view: 'archived' }, db);
    expect(ids(archived.items)).toEqual([older]);
    expect(archived.items[0]!.pinnedAt).toBeNull();
    // Still found by search, and still in the REST API's list of everything.
    expect(ids((await searchUserConversations(me, 'older', db)).map((h) => h.conversation))).toEqual([older]);
    expect(ids((await pageOfConversations(me, {}, db)).items)).toContain(older);

    await changeConversationListing(me, older, 'unarchive', db);
    list = await conversationList(me, db);
    expect(ids(list.recent.items)).toContain(older);
    expect((await pageOfConversations(me, { view: 'archived' }, db)).items).toEqual([]);
  });

  it('does not move a conversation in the list when it is pinned or archived', async () => {
    const id = await conversationWith(me, 'Steady');
    const before = (await pageOfConversations(me, {}, db)).items.find((c) => c.id === id)!.updatedAt;
    await changeConversationListing(me, id, 'pin', db);
    await changeConversationListing(me, id, 'unpin', db);
    const after = (await pageOfConversations(me, {}, db)).items.find((c) => c.id === id)!.updatedAt;
    expect(after).toEqual(before);
  });

  it('cannot pin or archive another person’s conversation: it is not found', async () => {
    const theirs = await conversationWith(stranger, 'Private');
    for (const change of ['pin', 'archive'] as const) {
      await expect(changeConversationListing(me, theirs, change, db)).rejects.toMatchObject({ status: 404 });
    }
    const [row] = await db.query<{ pinned_at: Date | null; archived_at: Date | null }>(
      'select pinned_at, archived_at from hearth.conversations where id = $1',
      [theirs],
    );
    expect(row).toEqual({ pinned_at: null, archived_at: null });
  });
});
