import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db';
import {
  finishReplyStatement,
  getMessage,
  requestStop,
  startReplyStatement,
  textOf,
} from '@/lib/conversations/messages';
import { runStatement } from '@/lib/db/statement';
import { withUser } from '@/lib/db/scope';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { usage } from '@/lib/testing/scripted-model';
import { useTestDatabase } from '@/lib/testing/use-database';
import { startConversation } from '@/lib/conversations/service';
import { startChatTurn } from './pipeline';
import { ReplyProgressTicker, replyProgressTicker, type LiveReply } from './reply-progress';

/** A model writing `count` words `delayMs` apart. */
function slowModel(count: number, delayMs: number) {
  const parts: LanguageModelV4StreamPart[] = [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't' },
    ...Array.from({ length: count }, (_, i): LanguageModelV4StreamPart => ({
      type: 'text-delta',
      id: 't',
      delta: `w${i} `,
    })),
    { type: 'text-end', id: 't' },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
  ];
  return new MockLanguageModelV4({
    doStream: async () => ({ stream: simulateReadableStream({ chunks: parts, chunkDelayInMs: delayMs }) }),
  });
}

/** A reply as the ticker sees it, whose text the test sets. */
function fakeReply(id: string) {
  const state = { text: '', stopped: 0 };
  const reply: LiveReply = {
    id,
    parts: () => (state.text ? [{ type: 'text', text: state.text }] : []),
    version: () => String(state.text.length),
    stop: () => void state.stopped++,
  };
  return { reply, state };
}

/** The database, counting the statements run outside a transaction (the ticker's). */
function counting(db: Database) {
  const counted = { statements: 0 };
  const wrapped: Database = { ...db, query: (sql, params) => (counted.statements++, db.query(sql, params)) };
  return { wrapped, counted };
}

describe.each(TEST_DATABASES)('the progress of replies being written on $name', ({ open }) => {
  const database = useTestDatabase(open);

  async function streamingReplies(user: { id: string }, count: number) {
    const db = database();
    const { id: conversationId } = await startConversation(user, { companion: 'ada' }, db);
    const ids = Array.from({ length: count }, () => crypto.randomUUID());
    await withUser(
      user,
      async (tx) => {
        for (const id of ids)
          await runStatement(tx, startReplyStatement({ id, conversationId, model: 'offline/hearth-demo' }));
      },
      db,
    );
    return { conversationId, ids };
  }
  const row = (id: string) =>
    database()
      .query<{ status: string; parts: { type: 'text'; text: string }[]; age: number }>(
        'select status, parts, extract(epoch from now() - progress_at)::float8 as age from hearth.messages where id = $1',
        [id],
      )
      .then((rows) => rows[0]!);
  const age = (id: string, seconds: number) =>
    database().query(`update hearth.messages set progress_at = now() - interval '${seconds} seconds' where id = $1`, [
      id,
    ]);

  it('saves every live reply in one statement a tick: parts only when they changed, a heartbeat for all', async () => {
    const user = await createTestUser(database(), 'progress');
    const {
      ids: [a, b],
    } = await streamingReplies(user, 2);
    const { wrapped, counted } = counting(database());
    const ticker = new ReplyProgressTicker(wrapped, 3_600_000);
    const first = fakeReply(a!);
    const second = fakeReply(b!);
    first.state.text = 'Once upon';
    const untrack = [ticker.track(first.reply), ticker.track(second.reply)];

    await ticker.tick();
    expect(counted.statements).toBe(1);
    expect(textOf(await row(a!))).toBe('Once upon');
    expect((await row(b!)).parts).toEqual([]);

    // Unchanged since the last tick: its parts are not written again (what the row holds stays),
    // but it still gets a heartbeat.
    await database().query(`update hearth.messages set parts = '[{"type":"text","text":"left alone"}]' where id = $1`, [
      a,
    ]);
    await age(a!, 60);
    await ticker.tick();
    expect(counted.statements).toBe(2);
    expect(textOf(await row(a!))).toBe('left alone');
    expect((await row(a!)).age).toBeLessThan(30);

    first.state.text = 'Once upon a time';
    second.state.text = 'Hello';
    await ticker.tick();
    expect(counted.statements).toBe(3);
    expect([textOf(await row(a!)), textOf(await row(b!))]).toEqual(['Once upon a time', 'Hello']);
    untrack.forEach((stop) => stop());
    expect(ticker.size).toBe(0);
  });

  it('never overwrites the final save, whichever comes last', async () => {
    const user = await createTestUser(database(), 'progress-final');
    const {
      ids: [id],
    } = await streamingReplies(user, 1);
    const ticker = new ReplyProgressTicker(database(), 3_600_000);
    const live = fakeReply(id!);
    live.state.text = 'Half a';
    ticker.track(live.reply);
    await ticker.tick();
    await withUser(
      user,
      (tx) =>
        runStatement(
          tx,
          finishReplyStatement(id!, { text: 'Half a reply, then all of it.', status: 'complete', latencyMs: 5 }),
        ),
      database(),
    );
    live.state.text = 'Half a reply, then';
    await ticker.tick(); // late: the reply is saved already
    const saved = await withUser(user, (tx) => getMessage(tx, id!), database());
    expect(saved?.status).toBe('complete');
    expect(textOf(saved!)).toBe('Half a reply, then all of it.');
  });

  it('reads back Stop, set in the owner’s scope only, and stops that reply alone', async () => {
    const owner = await createTestUser(database(), 'progress-stop');
    const stranger = await createTestUser(database(), 'progress-stranger');
    const {
      conversationId,
      ids: [id],
    } = await streamingReplies(owner, 1);
    const other = await streamingReplies(owner, 1);
    const ticker = new ReplyProgressTicker(database(), 3_600_000);
    const live = fakeReply(id!);
    const bystander = fakeReply(other.ids[0]!);
    ticker.track(live.reply);
    ticker.track(bystander.reply);

    expect(await withUser(stranger, (tx) => requestStop(tx, conversationId), database())).toBe(false);
    await ticker.tick();
    expect(live.state.stopped).toBe(0);

    expect(await withUser(owner, (tx) => requestStop(tx, conversationId), database())).toBe(true);
    await ticker.tick();
    expect(live.state.stopped).toBe(1);
    expect(bystander.state.stopped).toBe(0);
  });

  it('saves a chat turn’s text while it streams, and lets go of it once it is saved', async () => {
    const db = database();
    const user = await createTestUser(db, 'progress-turn');
    const { id: conversationId } = await startConversation(user, { companion: 'ada' }, db);
    const turn = await startChatTurn(
      user,
      { action: 'send', conversationId, text: 'Count slowly.' },
      { db, model: slowModel(40, 20) },
    );
    const reader = turn.parts.getReader();
    let seen = '';
    while (seen.length < 20) {
      const { value } = await reader.read();
      if (value?.type === 'text-delta') seen += value.text;
    }
    const ticker = replyProgressTicker(db);
    expect(ticker.size).toBeGreaterThanOrEqual(1);
    await ticker.tick();
    const during = await row(turn.assistantMessageId);
    expect(during.status).toBe('streaming');
    expect(textOf(during).startsWith(seen)).toBe(true);

    await reader.cancel();
    const saved = await turn.saved;
    expect(saved).toMatchObject({ status: 'complete' });
    expect(textOf(await row(turn.assistantMessageId))).toBe(saved.text);
    await expect.poll(() => ticker.size).toBe(0);
  });

  it('ends a generation at its total cap as an error that keeps what was written', async () => {
    const db = database();
    const user = await createTestUser(db, 'progress-cap');
    const { id: conversationId } = await startConversation(user, { companion: 'ada' }, db);
    const env = { ...process.env, MODEL_TOTAL_TIMEOUT_MS: '400' };
    const turn = await startChatTurn(
      user,
      { action: 'send', conversationId, text: 'Talk for ever.' },
      { db, env, model: slowModel(1000, 20) },
    );
    const saved = await turn.saved;
    expect(saved.status).toBe('error');
    expect(saved.error).toMatch(/cut off after 400 ms/);
    expect(saved.text.length).toBeGreaterThan(0);
    expect(saved.text.split(' ').length).toBeLessThan(1000);
    const stored = await withUser(user, (tx) => getMessage(tx, turn.assistantMessageId), db);
    expect(stored).toMatchObject({ status: 'error', error: saved.error });
    expect(textOf(stored!)).toBe(saved.text);
  });
});
