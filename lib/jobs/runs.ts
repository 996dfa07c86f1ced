import type { Queryable } from '@/lib/db/client';
import type { Job } from './job';

export type JobRun = {
  job: string;
  startedAt: Date;
  finishedAt: Date;
  outcome: 'ok' | 'failed';
  detail: string | null;
  rows: number | null;
};

/** One run, as the runner records it (outside any user scope, in the run's own transaction). */
export async function recordRun(
  tx: Queryable,
  run: { job: string; startedAt: string; outcome: 'ok' | 'failed'; detail: string | null; rows: number | null },
): Promise<void> {
  await tx.query(
    `insert into hearth.job_runs (job, started_at, finished_at, outcome, detail, rows_affected)
     values ($1, $2::timestamptz, greatest(clock_timestamp(), $2::timestamptz), $3, $4, $5)`,
    [run.job, run.startedAt, run.outcome, run.detail?.slice(0, 2000) ?? null, run.rows],
  );
}

export type JobStatus = {
  name: string;
  description: string;
  everyMs: number;
  last: JobRun | null;
  /** The last failed run, when it is not the last run: a failure the admin may have missed. */
  lastFailure: JobRun | null;
  /** When the job is next due; null when it never ran (due at the next trigger). */
  nextDueAt: Date | null;
};

/** Each job's last run and last failure, for the admin page: in the admin's scope (RLS lets only admins read runs). */
export async function jobStatuses(tx: Queryable, jobs: readonly Job[]): Promise<JobStatus[]> {
  const rows = await tx.query<JobRun & { kind: 'last' | 'failure' }>(
    `select r.kind, r.job, r.started_at as "startedAt", r.finished_at as "finishedAt", r.outcome, r.detail, r.rows_affected as rows
       from unnest($1::text[]) as j(name)
       cross join lateral (
         (select 'last' as kind, x.* from hearth.job_runs x where x.job = j.name order by x.started_at desc limit 1)
         union all
         (select 'failure' as kind, x.* from hearth.job_runs x where x.job = j.name and x.outcome = 'failed' order by x.started_at desc limit 1)
       ) r`,
    [jobs.map((job) => job.name)],
  );
  return jobs.map((job) => {
    const last = rows.find((row) => row.job === job.name && row.kind === 'last') ?? null;
    const failure = rows.find((row) => row.job === job.name && row.kind === 'failure') ?? null;
    return {
      name: job.name,
      description: job.description,
      everyMs: job.everyMs,
      last: last && withoutKind(last),
      lastFailure:
        failure && last && failure.startedAt.getTime() !== last.startedAt.getTime() ? withoutKind(failure) : null,
      nextDueAt: last ? new Date(last.startedAt.getTime() + job.everyMs) : null,
    };
  });
}

function withoutKind(row: JobRun): JobRun {
  return {
    job: row.job,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    outcome: row.outcome,
    detail: row.detail,
    rows: row.rows,
  };
}
