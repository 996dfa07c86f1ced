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
  // The storage quotas ride along: the uploads' trigger reads them (lib/uploads/quota.ts).
  return (db ?? (await getDb())).transaction(fn, {
    'hearth.user_id': user.id,
    role: 'hearth_user',
    'hearth.storage_quota': storageQuotaSetting(),
  });
}

/** The scope of someone not signed in: public catalogue reads and the sign-up / sign-in functions. */
export async function withAnon<T>(fn: (tx: Queryable) => Promise<T>, db?: Database): Promise<T> {
  return (db ?? (await getDb())).transaction(fn, { 'hearth.user_id': '', role: 'hearth_anon' });
}
