import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db';
import { withUser } from '@/lib/db/scope';
import { grantAdmin } from '@/lib/auth/grant-admin';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import type { BlobStore } from '@/lib/storage';
import type { Job } from './job';
import { runDueJobs } from './runner';
import { jobStatuses } from './runs';

const store: BlobStore = {
  kind: 'local',
  put: async () => {},
  read: async () => new Uint8Array(),
  delete: async () => {},
  signedUrl: async () => null,
  uploadTarget: async () => {
    throw new Error('not used by the runner');
  },
  stat: async () => null,
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A job with a name of its own (the PostgreSQL database outlives a run) that counts its runs. */
function countingJob(label: string, run: Job['run'] = async () => ({ rows: 0 })): Job & { runs: number } {
  const job = {
    name: `${label}-${crypto.randomUUID().slice(0, 8)}`,
    description: 'A test job.',
    everyMs: 60 * 60_000,
    runs: 0,
    run: async (...args: Parameters<Job['run']>) => {
      job.runs++;
      return run(...args);
    },
  };
  return job;
}

const runsOf = async (db: Database, job: Job) =>
  db.query<{ outcome: string; detail: string | null; rows: number | null; ordered: boolean }>(
    'select outcome, detail, rows_affected as rows, finished_at >= started_at as ordered from hearth.job_runs where job = $1',
    [job.name],
  );

describe.each(TEST_DATABASES)('the job runner on $name', ({ name, open }) => {
  // Two handles on one PostgreSQL are two instances; the embedded database has one owner.
  let first: Database;
  let second: Database;
  beforeAll(async () => {
    first = await open();
    second = name === 'postgres' ? await open() : first;
  });
  afterAll(async () => {
    if (second !== first) await second.close();
    await first?.close();
  });

  it('runs each due job once when two runners trigger at the same time', async () => {
    // Each job holds its lock a while, so the two runners really overlap.
    const jobs = [
      countingJob('a', async () => (await sleep(150), { rows: 1 })),
      countingJob('b', async () => (await sleep(150), { rows: 2 })),
    ];
    const [one, two] = await Promise.all([
      runDueJobs(first, { jobs, context: { store } }),
      runDueJobs(second, { jobs, context: { store } }),
    ]);
    expect(jobs.map((job) => job.runs)).toEqual([1, 1]);
    for (const [i, job] of jobs.entries()) {
      const reports = [one[i]!, two[i]!];
      expect(reports.filter((r) => r.ran)).toHaveLength(1);
      expect(reports.find((r) => !r.ran)).toMatchObject({
        ran: false,
        reason: expect.stringMatching(/^(running elsewhere|not due)$/),
      });
      expect(await runsOf(first, job)).toEqual([{ outcome: 'ok', detail: null, rows: i + 1, ordered: true }]);
    }
  });

  it('does not run a job again before its interval is up', async () => {
    const job = countingJob('interval');
    await runDueJobs(first, { jobs: [job], context: { store } });
    const [again] = await runDueJobs(second, { jobs: [job], context: { store } });
    expect(again).toEqual({ job: job.name, ran: false, reason: 'not due' });
    expect(job.runs).toBe(1);
    // Its interval has passed: due again.
    await first.query(
      "update hearth.job_runs set started_at = started_at - interval '2 hours', finished_at = finished_at - interval '2 hours' where job = $1",
      [job.name],
    );
    expect((await runDueJobs(first, { jobs: [job], context: { store } }))[0]).toMatchObject({
      ran: true,
      outcome: 'ok',
    });
  });

  it('records a failing job with its error, rolls its work back, and still runs the others', async () => {
    const marker = `job-failure-${crypto.randomUUID()}`;
    const failing = countingJob('failing', async (tx) => {
      await tx.query(
        "insert into hearth.rate_limit_counters (bucket, count, resets_at) values ($1, 1, now() + interval '1 hour')",
        [marker],
      );
      throw new Error('the disk is full');
    });
    const broken = countingJob(
      'broken-sql',
      async (tx) => (await tx.query('select * from hearth.no_such_table'), { rows: 0 }),
    );
    const fine = countingJob('fine', async () => ({ rows: 7, detail: 'all good' }));
    const reports = await runDueJobs(first, { jobs: [failing, broken, fine], context: { store } });
    expect(reports.map((r) => (r.ran ? r.outcome : r.reason))).toEqual(['failed', 'failed', 'ok']);
    expect(await runsOf(first, failing)).toEqual([
      { outcome: 'failed', detail: 'the disk is full', rows: null, ordered: true },
    ]);
    expect((await runsOf(first, broken))[0]).toMatchObject({
      outcome: 'failed',
      detail: expect.stringContaining('no_such_table'),
    });
    expect(await runsOf(first, fine)).toEqual([{ outcome: 'ok', detail: 'all good', rows: 7, ordered: true }]);
    expect(await first.query('select 1 from hearth.rate_limit_counters where bucket = $1', [marker])).toEqual([]);
  });

  it('shows the runs to admins only', async () => {
    const job = countingJob('visible', async () => ({ rows: 3 }));
    await runDueJobs(first, { jobs: [job], context: { store } });
    const user = await createTestUser(first, 'jobs-user');
    const admin = await createTestUser(first, 'jobs-admin');
    const [{ email }] = (await first.query<{ email: string }>('select email from hearth.users where id = $1', [
      admin.id,
    ])) as [{ email: string }];
    await grantAdmin(first, email);

    const [seenByAdmin] = await withUser({ id: admin.id, role: 'admin' }, (tx) => jobStatuses(tx, [job]), first);
    expect(seenByAdmin).toMatchObject({ name: job.name, last: { outcome: 'ok', rows: 3 }, lastFailure: null });
    expect(seenByAdmin!.nextDueAt!.getTime() - seenByAdmin!.last!.startedAt.getTime()).toBe(job.everyMs);
    const [seenByUser] = await withUser(user, (tx) => jobStatuses(tx, [job]), first);
    expect(seenByUser).toMatchObject({ last: null, nextDueAt: null });
    await expect(
      withUser(
        user,
        (tx) =>
          tx.query(
            "insert into hearth.job_runs (job, started_at, finished_at, outcome) values ('x', now(), now(), 'ok')",
          ),
        first,
      ),
    ).rejects.toMatchObject({ code: '42501' });
  });
});
