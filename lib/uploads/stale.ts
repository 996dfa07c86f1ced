import type { Queryable } from '@/lib/db/client';
import type { BlobStore } from '@/lib/storage';

/** How long an upload may wait for a message before the scheduled job deletes it. */
export const STALE_UPLOAD_AGE_MS = 24 * 60 * 60 * 1000;
/** Rows a run takes at most, per table: a backlog goes in several runs, each one short. */
const BATCH = 400;

export type StaleUploadsDeleted = { pending: number; unattached: number; orphaned: number };

/**
 * A named maintenance job (outside any user scope): deletes uploads created before `olderThan`
 * that never became part of a message. Both kinds: pending uploads whose target was handed out
 * but never confirmed (the object may or may not exist: an orphan at most), and confirmed uploads
 * no message took (picked, then the message was never sent). And, whatever their age, uploads
 * whose message was deleted (a reply replaced by a regeneration or an edit: the conversation
 * stays, the message id went null), which nothing can show and the storage quota no longer
 * counts. Rows are deleted, then their
 * objects, inside the caller's transaction (the job runner's): if the store fails, the rows come
 * back and the next run retries. A message attaching one of them at that moment waits for the
 * rows' locks and finds them gone.
 */
export async function deleteStaleUploads(
  tx: Queryable,
  store: BlobStore,
  olderThan: Date,
  { batch = BATCH } = {},
): Promise<StaleUploadsDeleted> {
  const pending = await tx.query<{ path: string }>(
    `delete from hearth.pending_uploads
      where id in (select id from hearth.pending_uploads where created_at < $1 order by created_at limit $2)
      returning path`,
    [olderThan, batch],
  );
  // The outer conditions are checked again on the row as it is when locked.
  const unattached = await tx.query<{ path: string }>(
    `delete from hearth.uploads
      where id in (
        select id from hearth.uploads
         where message_id is null and conversation_id is null and created_at < $1
         order by created_at limit $2)
        and message_id is null and conversation_id is null and created_at < $1
      returning path`,
    [olderThan, batch],
  );
  const orphaned = await tx.query<{ path: string }>(
    `delete from hearth.uploads
      where id in (
        select id from hearth.uploads
         where message_id is null and conversation_id is not null
         order by created_at limit $1)
        and message_id is null and conversation_id is not null
      returning path`,
    [batch],
  );
  const paths = [...pending, ...unattached, ...orphaned].map((row) => row.path);
  if (paths.length) await store.delete(paths);
  return { pending: pending.length, unattached: unattached.length, orphaned: orphaned.length };
}
