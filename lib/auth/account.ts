import type { Database } from '@/lib/db/client';
import { userFilePaths } from '@/lib/uploads/queries';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { getBlobStore, type BlobStore } from '@/lib/storage';

/**
 * Deletes the user's account and everything of theirs: the rows in one transaction (the users row
 * cascades to the rest), then the stored files, once the deletion has committed. A file that cannot
 * be deleted is logged; no row points at it any more.
 */
export async function deleteAccount(
  user: UserScope,
  options: { db?: Database; store?: BlobStore } = {},
): Promise<void> {
  const paths = await withUser(
    user,
    async (tx) => {
      const found = await userFilePaths(tx, [user.id]);
      const [row] = await tx.query<{ deleted: boolean }>('select hearth.delete_own_account() as deleted');
      if (!row?.deleted) throw new HearthError('not_found', 'This account does not exist.');
      return found;
    },
    options.db,
  );
  if (!paths.length) return;
  await (options.store ?? getBlobStore())
    .delete(paths)
    .catch((error: unknown) =>
      console.error(`[account] could not delete ${paths.length} file(s) of a deleted account:`, error),
    );
}
