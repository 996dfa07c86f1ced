import type { Database } from '@/lib/db/client';
import { deleteConversation } from '@/lib/conversations/queries';
import {
  conversationUploadPaths,
  deletePendingUpload,
  deleteUploadRows,
  getPendingUpload,
  getUpload,
} from '@/lib/uploads/queries';
import { HearthError } from '@/lib/errors';
import { withUser, type UserScope } from '@/lib/db/scope';
import { getBlobStore, type BlobStore } from '@/lib/storage';

/**
 * Deletes a conversation and the files attached to it: the rows go with the conversation (in one
 * transaction, in the user's scope), the objects right after it commits. An object that cannot be
 * deleted is logged; its row is already gone, so nothing can reach it any more.
 */
export async function deleteConversationAndFiles(
  user: UserScope,
  id: string,
  options: { db?: Database; store?: BlobStore } = {},
): Promise<boolean> {
  const { deleted, paths } = await withUser(
    user,
    async (tx) => {
      const paths = await conversationUploadPaths(tx, id);
      return { deleted: await deleteConversation(tx, id), paths };
    },
    options.db,
  );
  if (deleted) await removeObjects(paths, options.store);
  return deleted;
}

/**
 * Deletes one of the user's uploads that no message carries yet (taken back from the composer),
 * or one still pending (cancelled before its confirmation), with whatever was stored for it.
 */
export async function deleteUnsentUpload(
  user: UserScope,
  id: string,
  options: { db?: Database; store?: BlobStore } = {},
): Promise<void> {
  const path = await withUser(
    user,
    async (tx) => {
      const upload = await getUpload(tx, id);
      if (!upload) {
        const pending = await getPendingUpload(tx, id);
        if (!pending) throw new HearthError('not_found', 'This file does not exist.');
        await deletePendingUpload(tx, id);
        return pending.path;
      }
      if (upload.messageId || upload.conversationId)
        throw new HearthError('conflict', 'This file is part of a message: delete the conversation to delete it.');
      await deleteUploadRows(tx, [id]);
      return upload.path;
    },
    options.db,
  );
  await removeObjects([path], options.store);
}

async function removeObjects(paths: string[], store: BlobStore = getBlobStore()): Promise<void> {
  if (!paths.length) return;
  await store
    .delete(paths)
    .catch((error: unknown) => console.error(`[uploads] could not delete ${paths.length} object(s):`, error));
}
