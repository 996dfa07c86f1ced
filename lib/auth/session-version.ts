import type { Queryable } from '@/lib/db/client';
import { withUser } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { forgetSessionState } from './session-state';

/**
 * The per-user session version (hearth.users.session_version). A session token carries the version
 * it was issued with; once the row's version has moved on, every such token is refused (401, or a
 * redirect to sign in) within the few seconds the state is cached for (session-state.ts), and at
 * once in this process. Signing out everywhere, a password change or reset, a role change and
 * disabling the account raise it (the last two by a trigger, whatever path changes the row).
 */

/** The token claim of the version the session was issued at. */
export const SESSION_VERSION_CLAIM = 'sessionVersion';

/**
 * Ends every session of the user, returning the new version. In `tx` (a transaction of the user's
 * own scope, from withUser: a password change) or, without it, in the user's own scope (a reset
 * by emailed link, where nobody is signed in). The version can only go up.
 *
 * `keepSessionId` (the caller's own session, SessionCaller.sessionId) stays: its row moves to the
 * new version, and its token must be re-issued with `sessionVersion` set to the returned one.
 */
export async function bumpSessionVersion(
  userId: string,
  tx?: Queryable,
  keepSessionId?: string | null,
): Promise<number> {
  const bump = (q: Queryable) =>
    q.query<{ version: number | null }>('select hearth.bump_session_version($1, $2) as version', [
      userId,
      keepSessionId ?? null,
    ]);
  const [row] = tx ? await bump(tx) : await withUser({ id: userId }, bump);
  // Null: no such user, or a scope that is not theirs.
  if (row?.version == null) throw new HearthError('not_found', 'There is no such account.');
  forgetSessionState(userId);
  return row.version;
}
