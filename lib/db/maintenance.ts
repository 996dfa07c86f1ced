import type { Database } from './client.ts';

export const INTERRUPTED_REPLY_ERROR = 'The server stopped before this reply finished.';

/**
 * Replies left in status 'streaming' by a server that stopped mid-generation would look unfinished
 * for ever. A named maintenance job, run at start outside any user scope: the embedded database
 * has exactly one owner, so nothing of its can still be streaming; a shared PostgreSQL may have
 * other servers mid-reply, so only replies older than any generation could take are closed.
 */
export async function closeInterruptedReplies(db: Database): Promise<number> {
  const rows = await db.query(
    `update hearth.messages set status = 'error', error = $1
      where status = 'streaming' ${db.kind === 'postgres' ? "and created_at < now() - interval '15 minutes'" : ''}
      returning id`,
    [INTERRUPTED_REPLY_ERROR],
  );
  return rows.length;
}
