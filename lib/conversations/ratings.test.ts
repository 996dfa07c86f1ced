import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db';
import { insertMessage, listMessages } from '@/lib/conversations/messages';
import { startConversation } from '@/lib/conversations/service';
import { withUser } from '@/lib/db/scope';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { rateReply } from './ratings';

describe.each(TEST_DATABASES)('rating replies on $name', ({ open }) => {
  let db: Database;
  let alice: { id: string };
  let bob: { id: string };

  /** A conversation of `user` with a greeting, a message of theirs and a finished reply. */
  async function conversationOf(user: { id: string }) {
    const conversation = await startConversation(user, { companion: 'ada' }, db);
    return withUser(
      user,
      async (tx) => {
        const [greeting] = await listMessages(tx, conversation.id);
        const question = await insertMessage(tx, {
          conversationId: conversation.id,
          role: 'user',
          text: 'How are you?',
          status: 'complete',
        });
        const reply = await insertMessage(tx, {
          conversationId: conversation.id,
          role: 'assistant',
          text: 'Well, thank you.',
          status: 'complete',
          model: 'offline/hearth-demo',
        });
        return { conversationId: conversation.id, greetingId: greeting!.id, question, reply };
      },
      db,
    );
  }

  const ratingOf = async (id: string) =>
    (await db.query<{ rating: number | null }>('select rating from hearth.messages where id = $1', [id]))[0]?.rating;

  beforeAll(async () => {
    db = await open();
    alice = await createTestUser(db, 'alice');
    bob = await createTestUser(db, 'bob');
  });
  afterAll(() => db?.close());

  it('rates a reply up, switches it down, clears it, and lists the rating with the messages', async () => {
    const { conversationId, reply } = await conversationOf(alice);
    expect((await rateReply(alice, { messageId: reply, rating: 1 }, db)).rating).toBe(1);
    expect(await ratingOf(reply)).toBe(1);
    // Setting the same thumb again is idempotent: a retried request does not flip it back.
    expect((await rateReply(alice, { messageId: reply, rating: 1, conversationId }, db)).rating).toBe(1);
    expect((await rateReply(alice, { messageId: reply, rating: -1 }, db)).rating).toBe(-1);
    const listed = await withUser(alice, (tx) => listMessages(tx, conversationId), db);
    expect(listed.find((m) => m.id === reply)?.rating).toBe(-1);
    expect(listed.filter((m) => m.id !== reply).map((m) => m.rating)).toEqual([null, null]);
    expect((await rateReply(alice, { messageId: reply, rating: null }, db)).rating).toBeNull();
    expect(await ratingOf(reply)).toBeNull();
  });

  it("refuses the person's own message and the greeting with a 400, and leaves them unrated", async () => {
    const { question, greetingId } = await conversationOf(alice);
    await expect(rateReply(alice, { messageId: question, rating: 1 }, db)).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/reply can be rated/),
    });
    await expect(rateReply(alice, { messageId: greetingId, rating: -1 }, db)).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/greeting/),
    });
    expect([await ratingOf(question), await ratingOf(greetingId)]).toEqual([null, null]);
  });

  it('refuses a reply still being written with a 409', async () => {
    const { conversationId } = await conversationOf(alice);
    const streaming = await withUser(
      alice,
      (tx) =>
        insertMessage(tx, {
          conversationId,
          role: 'assistant',
          text: '',
          status: 'streaming',
          model: 'offline/hearth-demo',
        }),
      db,
    );
    await expect(rateReply(alice, { messageId: streaming, rating: 1 }, db)).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it("does not find someone else's reply, nor a reply named under another conversation", async () => {
    const bobs = await conversationOf(bob);
    const alices = await conversationOf(alice);
    await expect(rateReply(alice, { messageId: bobs.reply, rating: -1 }, db)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      rateReply(alice, { messageId: alices.reply, rating: 1, conversationId: bobs.conversationId }, db),
    ).rejects.toMatchObject({ code: 'not_found' });
    const second = await conversationOf(alice);
    await expect(
      rateReply(alice, { messageId: alices.reply, rating: 1, conversationId: second.conversationId }, db),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect([await ratingOf(bobs.reply), await ratingOf(alices.reply)]).toEqual([null, null]);
  });

  it("lets no raw SQL as hearth_user rate another person's reply (RLS)", async () => {
    const bobs = await conversationOf(bob);
    const touched = await db.transaction(async (tx) => {
      await tx.query("select set_config('hearth.user_id', $1, true), set_config('role', 'hearth_user', true)", [
        alice.id,
      ]);
      return tx.query('update hearth.messages set rating = 1 where id = $1 returning id', [bobs.reply]);
    });
    expect(touched).toEqual([]);
    expect(await ratingOf(bobs.reply)).toBeNull();
  });

  it('holds ratings to 1 and -1 on replies in the database itself, whoever writes', async () => {
    const { question, reply } = await conversationOf(alice);
    const asAlice = (sql: string, id: string) =>
      db.transaction(async (tx) => {
        await tx.query("select set_config('hearth.user_id', $1, true), set_config('role', 'hearth_user', true)", [
          alice.id,
        ]);
        return tx.query(sql, [id]);
      });
    await expect(asAlice('update hearth.messages set rating = 2 where id = $1', reply)).rejects.toThrow(
      /messages_rating_check/,
    );
    await expect(asAlice('update hearth.messages set rating = 0 where id = $1', reply)).rejects.toThrow(
      /messages_rating_check/,
    );
    // The owner role (no RLS, as a migration or a job) cannot rate a person's message either.
    await expect(db.query('update hearth.messages set rating = 1 where id = $1', [question])).rejects.toThrow(
      /messages_rating_check/,
    );
    await expect(asAlice('update hearth.messages set rating = -1 where id = $1 returning id', reply)).resolves.toEqual([
      { id: reply },
    ]);
  });
});
