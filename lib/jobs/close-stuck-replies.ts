import { INTERRUPTED_REPLY_ERROR } from '@/lib/db/maintenance';
import { STALE_REPLY_SECONDS } from '@/lib/conversations/messages';
import { MINUTE_MS, type Job } from './job';

/**
 * Replies still marked as being written whose heartbeat went quiet: their function was killed (a
 * platform limit, a crash, a deploy). Closed as errors, keeping the text the last heartbeat saved.
 * The partial index of streaming replies keeps this from reading the whole table.
 */
export const closeStuckReplies: Job = {
  name: 'close-stuck-replies',
  description: `Closes replies whose writer stopped (no heartbeat for ${STALE_REPLY_SECONDS} s) as errors, keeping their text.`,
  everyMs: MINUTE_MS,
  async run(tx) {
    const rows = await tx.query(
      `update hearth.messages set status = 'error', error = $1
        where status = 'streaming' and progress_at < now() - interval '${STALE_REPLY_SECONDS} seconds'
        returning id`,
      [INTERRUPTED_REPLY_ERROR],
    );
    return { rows: rows.length };
  },
};
