import type { Database, Queryable } from '@/lib/db/client';
import { redactedMessage } from '@/lib/ai/errors';
import { getBlobStore } from '@/lib/storage';
import type { Job, JobContext } from './job';
import { JOBS } from './registry';
import { recordRun } from './runs';

/** What a trigger did with one job. */
export type JobReport =
  | { job: string; ran: true; outcome: 'ok' | 'failed'; rows: number | null; detail: string | null; durationMs: number }
  | { job: string; ran: false; reason: 'not due' | 'running elsewhere' | 'database unavailable'; detail?: string };

// A trigger a little early (timers drift, cron fires at :00 give or take) still finds the job due.
const EARLY_SLACK_MS = 5_000;

/**
 * Runs every job that is due, one after another, each on one instance at a time: a job runs in a
 * transaction that first takes its advisory lock (pg_try_advisory_xact_lock: a transaction-level
 * lock, since session locks do not survive a transaction-mode pooler) and then, seeing every run
 * committed before it, checks when it last ran. Each run is recorded in hearth.job_runs with the
 * work it did, in the same transaction; a job that fails has its work rolled back, is recorded as
 * failed, and the others still run. A named maintenance task outside any user scope.
 */
export async function runDueJobs(
  db: Database,
  options: { jobs?: readonly Job[]; context?: Partial<JobContext> } = {},
): Promise<JobReport[]> {
  const reports: JobReport[] = [];
  for (const job of options.jobs ?? JOBS) {
    const context: JobContext = {
      store: options.context?.store ?? getBlobStore(),
      now: options.context?.now ?? Date.now(),
    };
    reports.push(await runIfDue(db, job, context));
  }
  return reports;
}

async function runIfDue(db: Database, job: Job, context: JobContext): Promise<JobReport> {
  try {
    return await db.transaction(async (tx): Promise<JobReport> => {
      const [lock] = await tx.query<{ locked: boolean }>(
        "select pg_try_advisory_xact_lock(hashtext('hearth.jobs'), hashtext($1)) as locked",
        [job.name],
      );
      if (!lock?.locked) return { job: job.name, ran: false, reason: 'running elsewhere' };
      // A statement of its own: its snapshot is taken after the lock, so it sees a run that
      // another instance committed just before letting go of it.
      const [last] = await tx.query<{ due: boolean; startedAt: string }>(
        `select coalesce(max(started_at) <= now() - $2 * interval '1 millisecond', true) as due,
                clock_timestamp()::text as "startedAt"
           from hearth.job_runs where job = $1`,
        [job.name, Math.max(0, job.everyMs - EARLY_SLACK_MS)],
      );
      if (!last?.due) return { job: job.name, ran: false, reason: 'not due' };
      return await runLocked(tx, job, context, last.startedAt);
    });
  } catch (error) {
    // The database itself failed (not the job, whose errors are caught and recorded above).
    console.warn(`[jobs] ${job.name} could not run: ${(error as Error).message}`);
    return { job: job.name, ran: false, reason: 'database unavailable', detail: redactedMessage(error) };
  }
}

async function runLocked(tx: Queryable, job: Job, context: JobContext, startedAt: string): Promise<JobReport> {
  await tx.query('savepoint job');
  const began = performance.now();
  let outcome: 'ok' | 'failed' = 'ok';
  let rows: number | null = null;
  let detail: string | null = null;
  try {
    const result = await job.run(tx, context);
    rows = result.rows;
    detail = result.detail ?? null;
  } catch (error) {
    await tx.query('rollback to savepoint job');
    outcome = 'failed';
    detail = redactedMessage(error).slice(0, 2000);
    console.error(`[jobs] ${job.name} failed: ${detail}`);
  }
  await tx.query('release savepoint job');
  await recordRun(tx, { job: job.name, startedAt, outcome, detail, rows });
  return { job: job.name, ran: true, outcome, rows, detail, durationMs: Math.round(performance.now() - began) };
}
