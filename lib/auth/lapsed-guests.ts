import type { Queryable } from '@/lib/db/client';
import type { BlobStore } from '@/lib/storage';
import { userFilePaths } from '@/lib/uploads/queries';
import { SESSION_MAX_AGE_SECONDS } from './sessions';

/**
 * How long a guest account lives after its last use. A guest cannot sign back in, so once every
 * session it had has been idle past the session's lifetime nobody can reach the account again.
 */
export const LAPSED_GUEST_AGE_MS = SESSION_MAX_AGE_SECONDS * 1000;
/** Accounts a run deletes at most: a backlog goes in several runs, each one short. */
const BATCH = 200;

/**
 * A named maintenance job (outside any user scope): deletes guest accounts nobody can use any
 * more, created before `lapsedBefore` with no session seen and no conversation written since, with
 * everything of theirs (the users row cascades) and then their files, inside the caller's
 * transaction: if the store fails, the rows come back and the next run retries. Accounts, even
 * unverified ones, are never touched.
 */
export async function deleteLapsedGuests(
  tx: Queryable,
  store: BlobStore,
  lapsedBefore: Date,
  { batch = BATCH } = {},
): Promise<number> {
  const lapsed = await tx.query<{ id: string }>(
    `select u.id from hearth.users u
      where u.is_guest and u.created_at < $1
        and not exists (select 1 from hearth.sessions s
                         where s.user_id = u.id and s.ended_at is null and s.last_seen_at >= $1)
        and not exists (select 1 from hearth.conversations c where c.user_id = u.id and c.updated_at >= $1)
      order by u.created_at
      limit $2
      for update of u skip locked`,
    [lapsedBefore, batch],
  );
  if (!lapsed.length) return 0;
  const ids = lapsed.map((row) => row.id);
  const files = await userFilePaths(tx, ids);
  await tx.query('delete from hearth.users where id = any($1::uuid[]) and is_guest', [ids]);
  if (files.length) await store.delete(files);
  return ids.length;
}
