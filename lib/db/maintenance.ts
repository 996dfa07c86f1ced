import type { Database } from './client.ts';

export const INTERRUPTED_REPLY_ERROR = 'The server stopped before this reply finished.';

/**
 * The embedded database has exactly one owner, so at its start nothing of its can still be
 * streaming: a reply left 'streaming' was cut off when the server last stopped. A named
 * maintenance job, run at start outside any user scope. (On a shared PostgreSQL other servers may
 * be mid-reply; there the scheduled job and the readers close replies whose heartbeat stopped.)
 */
export async function closeInterruptedReplies(db: Database): Promise<number> {
  const rows = await db.query(
    "update hearth.messages set status = 'error', error = $1 where status = 'streaming' returning id",
    [INTERRUPTED_REPLY_ERROR],
  );
  return rows.length;
}
