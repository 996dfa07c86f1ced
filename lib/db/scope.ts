import type { Database, Queryable } from './client';
import { getDb } from './index';
import { storageQuotaSetting } from '@/lib/uploads/quota';

export type UserScope = { id: string; role?: 'user' | 'admin' };

/**
 * Runs fn in one transaction as the database role `hearth_user` with the user's id in the
 * `hearth.user_id` setting, so RLS policies decide what the user can see and change. Every
 * user-facing query goes through here (or withAnon); nothing user-facing bypasses RLS. The role
 * and the setting are Hearth's own: Supabase's Data API hands out `authenticated` and sets
 * request.jwt.claims for anyone with a Supabase token, and neither opens anything of Hearth's.
 */
export async function withUser<T>(user: UserScope, fn: (tx: Queryable) => Promise<T>, db?: Database): Promise<T> {
  return (db ?? (await getDb())).transaction(async (tx) => {
    // The storage quotas ride along: the uploads' trigger reads them (lib/uploads/quota.ts).
    await tx.query(
      "select set_config('hearth.user_id', $1, true), set_config('role', 'hearth_user', true), set_config('hearth.storage_quota', $2, true)",
      [user.id, storageQuotaSetting()],
    );
    return fn(tx);
  });
}

/** The scope of someone not signed in: public catalogue reads and the sign-up / sign-in functions. */
export async function withAnon<T>(fn: (tx: Queryable) => Promise<T>, db?: Database): Promise<T> {
  return (db ?? (await getDb())).transaction(async (tx) => {
    await tx.query("select set_config('hearth.user_id', '', true), set_config('role', 'hearth_anon', true)");
    return fn(tx);
  });
}
