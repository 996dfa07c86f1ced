import type { Database, Queryable, Row } from './client';
import { getDb } from './index';
import { settingsStatement } from './literal';
import { inlined, type Statement } from './statement';
import { storageQuotaSetting } from '@/lib/uploads/quota';

export type UserScope = { id: string; role?: 'user' | 'admin' };

/**
 * Runs fn in one transaction as the database role `hearth_user` with the user's id in the
 * `hearth.user_id` setting, so RLS policies decide what the user can see and change. Every
 * user-facing query goes through here (or withAnon, or sendAsUser); nothing user-facing bypasses RLS. The role
 * and the setting are Hearth's own: Supabase's Data API hands out `authenticated` and sets
 * request.jwt.claims for anyone with a Supabase token, and neither opens anything of Hearth's.
 */
export async function withUser<T>(user: UserScope, fn: (tx: Queryable) => Promise<T>, db?: Database): Promise<T> {
  return (db ?? (await getDb())).transaction(fn, userSettings(user));
}

/**
 * Statements run in the user's scope as withUser runs them, sent in one message with their
 * parameters written in (inlined): one round trip and one implicit transaction, whose settings end
 * with it, and which writes nothing if any statement fails. For the reads and writes on the path
 * to the model. Each statement's rows.
 */
export async function sendAsUser(user: UserScope, statements: readonly Statement[], db?: Database): Promise<Row[][]> {
  const [, ...rows] = await (db ?? (await getDb())).exec(
    [settingsStatement(userSettings(user)), ...statements.map(inlined)].join(';\n'),
  );
  return rows;
}

function userSettings(user: UserScope) {
  // The storage quotas ride along: the uploads' trigger reads them (lib/uploads/quota.ts).
  return { 'hearth.user_id': user.id, role: 'hearth_user', 'hearth.storage_quota': storageQuotaSetting() };
}

/** The scope of someone not signed in: public catalogue reads and the sign-up / sign-in functions. */
export async function withAnon<T>(fn: (tx: Queryable) => Promise<T>, db?: Database): Promise<T> {
  return (db ?? (await getDb())).transaction(fn, { 'hearth.user_id': '', role: 'hearth_anon' });
}
