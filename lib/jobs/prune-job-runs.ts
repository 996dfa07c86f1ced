import { MINUTE_MS, type Job } from './job';

const KEEP_DAYS = 14;

/** The record of runs is for seeing what happened lately, not an archive. */
export const pruneJobRuns: Job = {
  name: 'prune-job-runs',
  description: `Forgets job runs older than ${KEEP_DAYS} days.`,
  everyMs: 24 * 60 * MINUTE_MS,
  async run(tx) {
    const rows = await tx.query(
      `delete from hearth.job_runs where started_at < now() - interval '${KEEP_DAYS} days' returning id`,
    );
    return { rows: rows.length };
  },
};
