import { sweepEndedWindows, sweepExpiredSlots } from '@/lib/rate-limit/postgres-store';
import { MINUTE_MS, type Job } from './job';

const BATCH = 1000;
// At most this many batches a run; what is left waits for the next run.
const MAX_BATCHES = 20;

/**
 * Deletes rate-limit counters whose window has ended (a caller idle past its window needs no row),
 * and the expired stream slots of replies whose process died.
 */
export const pruneRateLimits: Job = {
  name: 'prune-rate-limits',
  description: 'Deletes rate-limit counters whose window has ended, and expired stream slots.',
  everyMs: 5 * MINUTE_MS,
  async run(tx, { now }) {
    let rows = 0;
    for (let i = 0; i < MAX_BATCHES; i++) {
      const deleted = await sweepEndedWindows(tx, now, BATCH);
      rows += deleted;
      if (deleted < BATCH) break;
    }
    for (let i = 0; i < MAX_BATCHES; i++) {
      const deleted = await sweepExpiredSlots(tx, now, BATCH);
      rows += deleted;
      if (deleted < BATCH) break;
    }
    return { rows };
  },
};
