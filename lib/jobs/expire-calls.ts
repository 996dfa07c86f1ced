import { MINUTE_MS, type Job } from './job';

/** Calls past their expiry that nobody ended, ended as expired the way reading one does (lib/calls). */
export const expireCalls: Job = {
  name: 'expire-calls',
  description: 'Ends calls past their hour as expired.',
  everyMs: 5 * MINUTE_MS,
  async run(tx) {
    const rows = await tx.query(
      `update hearth.calls
          set status = 'ended', end_reason = 'expired', ended_at = expires_at,
              duration_ms = greatest(0, (extract(epoch from expires_at - created_at) * 1000)::int)
        where status <> 'ended' and expires_at <= now()
        returning id`,
    );
    return { rows: rows.length };
  },
};
