import { describe, expect, it } from 'vitest';
import type { Database, Queryable } from '@/lib/db';
import { INTERRUPTED_REPLY_ERROR } from '@/lib/db/maintenance';
import { startReplyStatement } from '@/lib/conversations/messages';
import { runStatement } from '@/lib/db/statement';
import { withUser } from '@/lib/db/scope';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { useTestDatabase } from '@/lib/testing/use-database';
import { openConversation, pageOfMessages, startConversation } from '@/lib/conversations/service';
import { resumeReplyResponse } from './resume/http';

/** The database, recording every statement run in its transactions (user-scoped work). */
function recording(db: Database) {
  const statements: string[] = [];
  const wrapped: Database = {
    ...db,
    transaction: (fn, settings) =>
      db.transaction((tx) => {
        const recorded: Queryable = {
          query: (sql, params) => (statements.push(sql), tx.query(sql, params)),
          exec: (sql) => tx.exec(sql),
        };
        return fn(recorded);
      }, settings),
  };
  return { wrapped, writes: () => statements.filter((sql) => /^\s*update\b/i.test(sql)).length };
}

/**
 * Vercel's Hobby plan runs cron once a day, so a reply cut off by a killed function is also closed
 * when someone reads it: the chat page, the messages API and the resume route.
 */
describe.each(TEST_DATABASES)('replies cut off mid-stream, closed when read, on $name', ({ open }) => {
  const database = useTestDatabase(open);

  /** A conversation with a reply cut off 60 s ago (with the text its last tick saved) and, optionally, one being written now. */
  async function conversationWithCutOffReply(user: { id: string }, { alsoLive = false } = {}) {
    const db = database();
    const { id } = await startConversation(user, { companion: 'ada' }, db);
    const cutOff = crypto.randomUUID();
    const live = crypto.randomUUID();
    await withUser(
      user,
      async (tx) => {
        await runStatement(tx, startReplyStatement({ id: cutOff, conversationId: id, model: 'offline/hearth-demo' }));
        if (alsoLive)
          await runStatement(tx, startReplyStatement({ id: live, conversationId: id, model: 'offline/hearth-demo' }));
      },
      db,
    );
    await db.query(
      `update hearth.messages set parts = '[{"type":"text","text":"Where was I"}]', progress_at = now() - interval '60 seconds' where id = $1`,
      [cutOff],
    );
    return { id, cutOff, live };
  }
  const statusOf = async (id: string) =>
    (
      await database().query<{ status: string; error: string | null }>(
        'select status, error from hearth.messages where id = $1',
        [id],
      )
    )[0];

  it('the chat page closes a cut-off reply as an error with its text, and leaves one being written alone', async () => {
    const user = await createTestUser(database(), 'read-page');
    const { id, cutOff, live } = await conversationWithCutOffReply(user, { alsoLive: true });
    const opened = await openConversation(user, id, database());
    expect(opened!.messages.find((m) => m.id === cutOff)).toMatchObject({
      status: 'error',
      error: INTERRUPTED_REPLY_ERROR,
      parts: [{ type: 'text', text: 'Where was I' }],
    });
    expect(opened!.messages.find((m) => m.id === live)?.status).toBe('streaming');
    expect(opened!.messages.some((m) => 'stale' in m)).toBe(false);
    expect(await statusOf(cutOff)).toEqual({ status: 'error', error: INTERRUPTED_REPLY_ERROR });
    expect((await statusOf(live))?.status).toBe('streaming');
  });

  it('the messages API closes it too', async () => {
    const user = await createTestUser(database(), 'read-api');
    const { id, cutOff } = await conversationWithCutOffReply(user);
    const page = await pageOfMessages(user, id, { limit: 10 }, database());
    expect(page!.items.find((m) => m.id === cutOff)).toMatchObject({ status: 'error', error: INTERRUPTED_REPLY_ERROR });
    expect(await statusOf(cutOff)).toEqual({ status: 'error', error: INTERRUPTED_REPLY_ERROR });
  });

  it('the resume route closes it and resumes nothing', async () => {
    const user = await createTestUser(database(), 'read-resume');
    const { id, cutOff } = await conversationWithCutOffReply(user);
    const response = await resumeReplyResponse(user, id, database());
    expect(response.status).toBe(204);
    expect(await statusOf(cutOff)).toEqual({ status: 'error', error: INTERRUPTED_REPLY_ERROR });
  });

  it('writes nothing on the way when no reply is cut off', async () => {
    const user = await createTestUser(database(), 'read-normal');
    const { id } = await startConversation(user, { companion: 'ada' }, database());
    const { wrapped, writes } = recording(database());
    await openConversation(user, id, wrapped);
    await pageOfMessages(user, id, { limit: 10 }, wrapped);
    await resumeReplyResponse(user, id, wrapped);
    expect(writes()).toBe(0);

    const cut = await conversationWithCutOffReply(user);
    await openConversation(user, cut.id, wrapped);
    expect(writes()).toBe(1);
  });

  it('someone else’s conversation stays not found, and its replies untouched', async () => {
    const owner = await createTestUser(database(), 'read-owner');
    const stranger = await createTestUser(database(), 'read-stranger');
    const { id, cutOff } = await conversationWithCutOffReply(owner);
    expect(await openConversation(stranger, id, database())).toBeNull();
    await expect(resumeReplyResponse(stranger, id, database())).rejects.toMatchObject({ code: 'not_found' });
    expect((await statusOf(cutOff))?.status).toBe('streaming');
  });
});
