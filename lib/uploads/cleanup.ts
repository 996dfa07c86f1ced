import type { Database } from '@/lib/db/client';
import { deleteConversation } from '@/lib/db/conversations';
import { conversationUploadPaths, deleteUploadRows, userUploadPaths } from '@/lib/db/uploads';
import { withUser, type UserScope } from '@/lib/db/scope';
import { getBlobStore, type BlobStore } from '@/lib/storage';

/**
 * Deletes a conversation and the files attached to it: the rows go with the conversation (in one
 * transaction, in the user's scope), the objects right after it commits. An object that cannot be
 * deleted is logged; its row is already gone, so nothing can reach it any more.
 */
export async function deleteConversationAndFiles(user: UserScope, id: string, options: { db?: Database; store?: BlobStore } = {}): Promise<boolean> {
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

/** Deletes every file of the user's, rows and objects: for deleting an account. */
export async function deleteUserFiles(user: UserScope, options: { db?: Database; store?: BlobStore } = {}): Promise<number> {
  const paths = await withUser(
    user,
    async (tx) => {
      const found = await userUploadPaths(tx);
      await tx.query('delete from public.uploads where user_id = public.requesting_user_id()');
      return found;
    },
    options.db,
  );
  await removeObjects(paths, options.store);
  return paths.length;
}

/** Deletes one unattached upload of the user's, row and object. */
export async function deleteUpload(user: UserScope, upload: { id: string; path: string }, options: { db?: Database; store?: BlobStore } = {}): Promise<void> {
  await withUser(user, (tx) => deleteUploadRows(tx, [upload.id]), options.db);
  await removeObjects([upload.path], options.store);
}

async function removeObjects(paths: string[], store: BlobStore = getBlobStore()): Promise<void> {
  if (!paths.length) return;
  await store.delete(paths).catch((error: unknown) => console.error(`[uploads] could not delete ${paths.length} object(s):`, error));
}
