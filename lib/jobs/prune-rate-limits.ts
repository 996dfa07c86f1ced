import { sweepEndedWindows } from '@/lib/rate-limit/postgres-store';
import { MINUTE_MS, type Job } from './job';

const BATCH = 1000;
// At most this many batches a run; what is left waits for the next run.
const MAX_BATCHES = 20;

/** Deletes rate-limit counters whose window has ended (a caller idle past its window needs no row). */
export const pruneRateLimits: Job = {
  name: 'prune-rate-limits',
  description: 'Deletes rate-limit counters whose window has ended.',
  everyMs: 5 * MINUTE_MS,
  async run(tx, { now }) {
    let rows = 0;
    for (let i = 0; i < MAX_BATCHES; i++) {
      const deleted = await sweepEndedWindows(tx, now, BATCH);
      rows += deleted;
      if (deleted < BATCH) break;
    }
    return { rows };
  },
};
