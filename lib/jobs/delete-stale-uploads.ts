import type { Queryable } from '@/lib/db/client';
import type { BlobStore } from '@/lib/storage';
import { MINUTE_MS, type Job } from './job';

const AFTER_HOURS = 24;
// Per run: each object is a call to the store; what is left waits for the next run.
const BATCH = 500;

/**
 * Uploads never attached to a message (a file picked in the composer and never sent, a turn that
 * failed) a day after they were made: the rows, then their objects. Both happen inside the job's
 * transaction, so a store that fails rolls the rows back and the next run tries again (deleting an
 * object that is already gone is not an error). Returns how many it deleted.
 */
export async function deleteUnattachedUploads(tx: Queryable, store: BlobStore, batch = BATCH): Promise<number> {
  const rows = await tx.query<{ path: string }>(
    `delete from hearth.uploads
      where id in (select id from hearth.uploads
                    where conversation_id is null and message_id is null
                      and created_at < now() - interval '${AFTER_HOURS} hours'
                    order by created_at limit $1 for update skip locked)
        and conversation_id is null and message_id is null
      returning path`,
    [batch],
  );
  if (rows.length) await store.delete(rows.map((row) => row.path));
  return rows.length;
}

export const deleteStaleUploads: Job = {
  name: 'delete-stale-uploads',
  description: `Deletes files never attached to a message, ${AFTER_HOURS} hours after they were uploaded.`,
  everyMs: 60 * MINUTE_MS,
  async run(tx, { store }) {
    return { rows: await deleteUnattachedUploads(tx, store) };
  },
};
