import { deleteStaleUploads as deleteUploads, STALE_UPLOAD_AGE_MS } from '@/lib/uploads/stale';
import { MINUTE_MS, type Job } from './job';

export const deleteStaleUploads: Job = {
  name: 'delete-stale-uploads',
  description:
    'Deletes files never sent with a message (or never finished uploading), a day after they were started, and the files of deleted messages.',
  everyMs: 60 * MINUTE_MS,
  async run(tx, { store, now }) {
    const { pending, unattached, orphaned } = await deleteUploads(tx, store, new Date(now - STALE_UPLOAD_AGE_MS));
    return { rows: pending + unattached + orphaned };
  },
};
