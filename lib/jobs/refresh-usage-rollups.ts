import { MINUTE_MS, type Job } from './job';

/** Brings the admin dashboard's daily usage rollups up to date (hearth.rollup_usage, which only the owner may run). */
export const refreshUsageRollups: Job = {
  name: 'refresh-usage-rollups',
  description: 'Brings the daily usage figures of the dashboard up to date.',
  everyMs: 15 * MINUTE_MS,
  async run(tx) {
    const [row] = await tx.query<{ refreshed: string }>('select hearth.rollup_usage()::text as refreshed');
    const [days] = await tx.query<{ days: number }>('select count(distinct day)::int as days from hearth.usage_daily');
    return { rows: days?.days ?? 0, detail: `refreshed as of ${row?.refreshed}` };
  },
};
