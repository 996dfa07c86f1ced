import type { Database } from '@/lib/db/client';
import { withUser, type UserScope } from '@/lib/db/scope';
import { tierOf } from '@/lib/rate-limit/limits';
import { storageQuotas, type Env } from './quota';

export type StorageUsage = { usedBytes: number; quotaBytes: number | null };

/** What the person stores now, and their quota (null: no limit). Their own rows, in their scope. */
export async function storageUsage(
  user: UserScope & { role: 'user' | 'admin'; isGuest?: boolean },
  options: { db?: Database; env?: Env } = {},
): Promise<StorageUsage> {
  const [row] = await withUser(
    user,
    (tx) =>
      tx.query<{ used: string }>(
        // As the quota counts (hearth.storage_used): the files of a deleted message no longer do.
        `select (coalesce((select sum(size_bytes) from hearth.uploads
                            where user_id = hearth.requesting_user_id() and (message_id is not null or conversation_id is null)), 0)
               + coalesce((select sum(size_bytes) from hearth.pending_uploads where user_id = hearth.requesting_user_id()), 0))::text as used`,
      ),
    options.db,
  );
  const quota = storageQuotas(options.env)[tierOf(user)];
  return { usedBytes: Number(row?.used ?? 0), quotaBytes: quota > 0 ? quota : null };
}
