import { getDb } from '@/lib/db';
import type { Queryable } from '@/lib/db/client';

/**
 * The per-user session version (hearth.users.session_version): a session whose token carries an
 * older version than the row has ended. Minimal here (the mail work's migration added the column);
 * the sessions work checks it on every request.
 */

/** The token claim that carries the version a session was signed in at. */
export const SESSION_VERSION_CLAIM = 'sessionVersion';

/**
 * Ends every session of the user signed in before now, and returns the new version. In a user's
 * own scope (`tx` from withUser) it can only bump that user's row; without `tx` it runs as a named
 * maintenance step on the process's database (a password reset, where nobody is signed in).
 */
export async function bumpSessionVersion(userId: string, tx?: Queryable): Promise<number> {
  const db = tx ?? (await getDb());
  const [row] = await db.query<{ version: number }>(
    'update hearth.users set session_version = session_version + 1 where id = $1 returning session_version as version',
    [userId],
  );
  if (!row) throw new Error('No such user to end the sessions of.');
  return row.version;
}
