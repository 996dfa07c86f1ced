import type { Database, Queryable } from './client';
import { getDb } from './index';

export type UserScope = { id: string; role?: 'user' | 'admin' };

/**
 * Runs fn in one transaction as the database role `authenticated` with the user's id in
 * request.jwt.claims, so RLS policies decide what the user can see and change. Every
 * user-facing query goes through here (or withAnon); nothing user-facing bypasses RLS.
 */
export async function withUser<T>(user: UserScope, fn: (tx: Queryable) => Promise<T>, db?: Database): Promise<T> {
  const claims = JSON.stringify({ sub: user.id, role: 'authenticated', app_role: user.role ?? 'user' });
  return (db ?? (await getDb())).transaction(async (tx) => {
    await tx.query(
      "select set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)",
      [claims],
    );
    return fn(tx);
  });
}

/** The scope of someone not signed in: public catalogue reads and the sign-up / sign-in functions. */
export async function withAnon<T>(fn: (tx: Queryable) => Promise<T>, db?: Database): Promise<T> {
  return (db ?? (await getDb())).transaction(async (tx) => {
    await tx.query("select set_config('request.jwt.claims', '', true), set_config('role', 'anon', true)");
    return fn(tx);
  });
}
