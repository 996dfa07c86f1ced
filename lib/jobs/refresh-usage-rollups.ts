import { MINUTE_MS, type Job } from './job';

/** Brings the admin dashboard's daily usage rollups up to date (hearth.rollup_usage, which only the owner may run). */
export const refreshUsageRollups: Job = {
  name: 'refresh-usage-rollups',
  description: 'Brings the daily usage figures of the dashboard up to date.',
  everyMs: 15 * MINUTE_MS,
  async run(tx) {
    // It rebuilds the days since its last refresh: a count of rows would say nothing.
    await tx.query('select hearth.rollup_usage()');
    return { rows: null };
  },
};
