import { describe, expect, it } from 'vitest';
import { createCall } from '@/lib/calls/calls';
import { startConversation } from '@/lib/conversations/service';
import { INTERRUPTED_REPLY_ERROR } from '@/lib/db/maintenance';
import { listMessages, startReplyStatement, textOf } from '@/lib/conversations/messages';
import { runStatement } from '@/lib/db/statement';
import { withUser } from '@/lib/db/scope';
import { attachUploadsStatement, insertUpload } from '@/lib/uploads/queries';
import type { BlobStore } from '@/lib/storage';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { useTestDatabase } from '@/lib/testing/use-database';
import { closeStuckReplies } from './close-stuck-replies';
import { deleteLapsedGuests } from './delete-lapsed-guests';
import { deleteStaleUploads } from './delete-stale-uploads';
import { expireCalls } from './expire-calls';
import type { Job } from './job';
import { pruneJobRuns } from './prune-job-runs';
import { pruneRateLimits } from './prune-rate-limits';
import { refreshUsageRollups } from './refresh-usage-rollups';
import { runDueJobs } from './runner';

/** A store that remembers what it was asked to delete, or refuses to. */
function memoryStore({ failing = false } = {}) {
  const deleted: string[] = [];
  const store: BlobStore = {
    kind: 'local',
    put: async () => {},
    read: async () => new Uint8Array(),
    delete: async (paths) => {
      if (failing) throw new Error('the store is unreachable');
      deleted.push(...paths);
    },
    signedUrl: async () => null,
    uploadTarget: async () => {
      throw new Error('not used by the jobs');
    },
    stat: async () => null,
  };
  return { store, deleted };
}

/** A stored image's row, owned by `user`, kept at `<user>/<id>.png`. */
const uploadRow = (user: { id: string }, id: string) => ({
  id,
  kind: 'image' as const,
  source: 'upload' as const,
  mediaType: 'image/png' as const,
  sizeBytes: 10,
  path: `${user.id}/${id}.png`,
  width: 1,
  height: 1,
  filename: 'x.png',
  transcript: null,
  transcriptLanguage: null,
  transcriptError: null,
});

describe.each(TEST_DATABASES)('the scheduled jobs on $name', ({ open }) => {
  const database = useTestDatabase(open);

  /** Runs the job now, under a name of its own (the PostgreSQL database keeps earlier runs). */
  async function run(job: Job, store: BlobStore = memoryStore().store) {
    const [report] = await runDueJobs(database(), {
      jobs: [{ ...job, name: `${job.name}-${crypto.randomUUID().slice(0, 8)}` }],
      context: { store },
    });
    return report!;
  }

  it('close-stuck-replies closes replies whose heartbeat went quiet, with their text, and nothing else', async () => {
    const db = database();
    const user = await createTestUser(db, 'job-stuck');
    const { id: conversationId } = await startConversation(user, { companion: 'ada' }, db);
    const [quiet, beating] = [crypto.randomUUID(), crypto.randomUUID()];
    await withUser(
      user,
      async (tx) => {
        await runStatement(tx, startReplyStatement({ id: quiet, conversationId, model: 'offline/hearth-demo' }));
        await runStatement(tx, startReplyStatement({ id: beating, conversationId, model: 'offline/hearth-demo' }));
      },
      db,
    );
    await db.query(
      `update hearth.messages set parts = '[{"type":"text","text":"So far"}]', progress_at = now() - interval '31 seconds' where id = $1`,
      [quiet],
    );
    // Finished long ago: a stale heartbeat means nothing once a reply is saved.
    await db.query(
      `update hearth.messages set progress_at = now() - interval '1 day' where conversation_id = $1 and status = 'complete'`,
      [conversationId],
    );

    const report = await run(closeStuckReplies);
    expect(report).toMatchObject({ ran: true, outcome: 'ok' });
    expect(report.ran && report.rows).toBeGreaterThanOrEqual(1);
    const messages = await withUser(user, (tx) => listMessages(tx, conversationId), db);
    expect(messages.find((m) => m.id === quiet)).toMatchObject({ status: 'error', error: INTERRUPTED_REPLY_ERROR });
    expect(textOf(messages.find((m) => m.id === quiet)!)).toBe('So far');
    expect(messages.find((m) => m.id === beating)?.status).toBe('streaming');
    expect(messages[0]?.status).toBe('complete');
  });

  it('close-stuck-replies finds them through the partial index of streaming replies', async () => {
    const plan = await database().transaction(async (tx) => {
      await tx.query('set local enable_seqscan = off');
      const rows = await tx.query<{ 'QUERY PLAN': string }>(
        "explain select id from hearth.messages where status = 'streaming' and progress_at < now() - interval '30 seconds'",
      );
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('messages_streaming_idx');
  });

  it('expire-calls ends calls past their hour as expired, with an hour’s duration, and leaves the others', async () => {
    const db = database();
    const user = await createTestUser(db, 'job-calls');
    const old = await createCall(user, { companion: 'ada' }, db);
    const fresh = await createCall(user, { companion: 'ada' }, db);
    await db.query(
      "update hearth.calls set created_at = now() - interval '61 minutes', expires_at = now() - interval '1 minute' where id = $1",
      [old.id],
    );

    expect(await run(expireCalls)).toMatchObject({ ran: true, outcome: 'ok' });
    const rows = await db.query<{ id: string; status: string; end_reason: string | null; duration_ms: number | null }>(
      'select id, status, end_reason, duration_ms from hearth.calls where id = any($1::uuid[])',
      [[old.id, fresh.id]],
    );
    expect(rows.find((r) => r.id === old.id)).toMatchObject({
      status: 'ended',
      end_reason: 'expired',
      duration_ms: 3_600_000,
    });
    expect(rows.find((r) => r.id === fresh.id)).toMatchObject({ status: 'waiting', end_reason: null });
  });

  it('refresh-usage-rollups counts today’s messages into the daily figures', async () => {
    const db = database();
    const user = await createTestUser(db, 'job-rollups');
    await startConversation(user, { companion: 'ada' }, db);
    const report = await run(refreshUsageRollups);
    expect(report).toMatchObject({ ran: true, outcome: 'ok', rows: null });
    const [state] = await db.query<{ fresh: boolean }>(
      "select refreshed_at > now() - interval '1 minute' as fresh from hearth.usage_rollup_state",
    );
    expect(state?.fresh).toBe(true);
    const [today] = await db.query<{ replies: number }>(
      "select sum(replies)::int as replies from hearth.usage_daily where day = (now() at time zone 'UTC')::date and source = 'chat'",
    );
    expect(today?.replies).toBeGreaterThanOrEqual(1);
  });

  it('delete-stale-uploads deletes uploads never attached after a day, rows and objects, and keeps the rest', async () => {
    const db = database();
    const user = await createTestUser(db, 'job-uploads');
    const { id: conversationId } = await startConversation(user, { companion: 'ada' }, db);
    const [greeting] = await withUser(user, (tx) => listMessages(tx, conversationId), db);
    const upload = (id: string) => uploadRow(user, id);
    const [stale, attached, recent] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await withUser(
      user,
      async (tx) => {
        for (const id of [stale, attached, recent]) await insertUpload(tx, upload(id));
        await runStatement(tx, attachUploadsStatement([attached], { conversationId, messageId: greeting!.id }));
      },
      db,
    );
    await db.query("update hearth.uploads set created_at = now() - interval '25 hours' where id = any($1::uuid[])", [
      [stale, attached],
    ]);

    // A store that cannot delete: the rows stay for the next run.
    const broken = memoryStore({ failing: true });
    expect(await run(deleteStaleUploads, broken.store)).toMatchObject({
      ran: true,
      outcome: 'failed',
      detail: 'the store is unreachable',
    });
    const left = async () =>
      (
        await db.query<{ id: string }>('select id from hearth.uploads where id = any($1::uuid[])', [
          [stale, attached, recent],
        ])
      )
        .map((r) => r.id)
        .sort();
    expect(await left()).toEqual([stale, attached, recent].sort());

    const working = memoryStore();
    expect(await run(deleteStaleUploads, working.store)).toMatchObject({ ran: true, outcome: 'ok' });
    expect(working.deleted).toContain(`${user.id}/${stale}.png`);
    expect(working.deleted.filter((p) => p.startsWith(user.id))).toEqual([`${user.id}/${stale}.png`]);
    expect(await left()).toEqual([attached, recent].sort());
  });

  it('delete-lapsed-guests deletes guests nobody can reach any more, with their files, and nobody else', async () => {
    const db = database();
    const guest = async (label: string) => {
      const user = await createTestUser(db, label);
      await db.query("update hearth.users set is_guest = true, created_at = now() - interval '40 days' where id = $1", [
        user.id,
      ]);
      return user;
    };
    const session = (user: { id: string }, seen: string) =>
      db.query(`insert into hearth.sessions (user_id, version, last_seen_at) values ($1, 0, now() - $2::interval)`, [
        user.id,
        seen,
      ]);
    const lapsed = await guest('job-lapsed');
    await session(lapsed, '35 days');
    const { id: lapsedConversation } = await startConversation(lapsed, { companion: 'ada' }, db);
    await db.query("update hearth.conversations set updated_at = now() - interval '35 days' where id = $1", [
      lapsedConversation,
    ]);
    const file = crypto.randomUUID();
    await withUser(lapsed, (tx) => insertUpload(tx, uploadRow(lapsed, file)), db);
    const signedInLately = await guest('job-guest-seen');
    await session(signedInLately, '2 days');
    const chattedLately = await guest('job-guest-chatting');
    await startConversation(chattedLately, { companion: 'ada' }, db);
    const newGuest = await createTestUser(db, 'job-guest-new');
    await db.query('update hearth.users set is_guest = true where id = $1', [newGuest.id]);
    const oldAccount = await createTestUser(db, 'job-old-account');
    await db.query("update hearth.users set created_at = now() - interval '400 days' where id = $1", [oldAccount.id]);
    const remaining = async () =>
      (
        await db.query<{ id: string }>('select id from hearth.users where id = any($1::uuid[])', [
          [lapsed, signedInLately, chattedLately, newGuest, oldAccount].map((u) => u.id),
        ])
      ).map((r) => r.id);

    // A store that cannot delete: the account stays for the next run.
    expect(await run(deleteLapsedGuests, memoryStore({ failing: true }).store)).toMatchObject({ outcome: 'failed' });
    expect(await remaining()).toContain(lapsed.id);

    const working = memoryStore();
    expect(await run(deleteLapsedGuests, working.store)).toMatchObject({ ran: true, outcome: 'ok' });
    expect(working.deleted.filter((p) => p.startsWith(lapsed.id))).toEqual([`${lapsed.id}/${file}.png`]);
    expect((await remaining()).sort()).toEqual(
      [signedInLately, chattedLately, newGuest, oldAccount].map((u) => u.id).sort(),
    );
    const [left] = await db.query<{ n: number }>('select count(*)::int as n from hearth.conversations where id = $1', [
      lapsedConversation,
    ]);
    expect(left!.n).toBe(0);
  });

  it('prune-rate-limits deletes counters whose window ended and keeps current ones', async () => {
    const db = database();
    const tag = crypto.randomUUID();
    await db.query(
      `insert into hearth.rate_limit_counters (bucket, count, resets_at)
       values ($1, 3, now() - interval '1 minute'), ($2, 3, now() + interval '1 minute')`,
      [`ended:${tag}`, `current:${tag}`],
    );
    const report = await run(pruneRateLimits);
    expect(report).toMatchObject({ ran: true, outcome: 'ok' });
    expect(report.ran && report.rows).toBeGreaterThanOrEqual(1);
    const rows = await db.query<{ bucket: string }>(
      'select bucket from hearth.rate_limit_counters where bucket like $1',
      [`%${tag}`],
    );
    expect(rows.map((r) => r.bucket)).toEqual([`current:${tag}`]);
  });

  it('prune-rate-limits deletes the expired stream slots of replies whose process died, and keeps live ones', async () => {
    const db = database();
    const user = await createTestUser(db, 'slots');
    await db.query(
      `insert into hearth.stream_slots (user_id, expires_at) values ($1, now() - interval '1 minute'), ($1, now() + interval '5 minutes')`,
      [user.id],
    );
    expect(await run(pruneRateLimits)).toMatchObject({ ran: true, outcome: 'ok' });
    const left = await db.query<{ live: boolean }>(
      'select expires_at > now() as live from hearth.stream_slots where user_id = $1',
      [user.id],
    );
    expect(left).toEqual([{ live: true }]);
  });

  it('prune-job-runs forgets runs older than two weeks', async () => {
    const db = database();
    const name = `old-job-${crypto.randomUUID().slice(0, 8)}`;
    await db.query(
      `insert into hearth.job_runs (job, started_at, finished_at, outcome)
       values ($1, now() - interval '15 days', now() - interval '15 days', 'ok'), ($1, now() - interval '1 day', now() - interval '1 day', 'ok')`,
      [name],
    );
    expect(await run(pruneJobRuns)).toMatchObject({ ran: true, outcome: 'ok' });
    const [row] = await db.query<{ n: number }>('select count(*)::int as n from hearth.job_runs where job = $1', [
      name,
    ]);
    expect(row?.n).toBe(1);
  });
});
