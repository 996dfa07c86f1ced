import type { Database } from '@/lib/db/client';
import { withAnon, withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { forgetSessionState, type SessionClaims } from './session-state';
import { bumpSessionVersion } from './session-version';

/** How long a session token lives (next-auth's maxAge), and so how long an idle session row is kept. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** One of the person's sessions, as Settings lists them. */
export type SessionSummary = {
  id: string;
  createdAt: Date;
  /** To the hour: the row is touched at most once an hour. */
  lastSeenAt: Date;
  /** "Firefox on macOS", or null. */
  userAgent: string | null;
  /** Known only behind a trusted proxy (TRUST_PROXY, Vercel). */
  address: string | null;
  current: boolean;
};

/**
 * Records a new session at sign-in; its id and the user's session version go into the token.
 * Null for an account that is disabled or gone.
 */
export async function startSession(
  userId: string,
  seen: { userAgent: string | null; address: string | null },
  db?: Database,
): Promise<{ sessionId: string; version: number } | null> {
  const [row] = await withAnon(
    (tx) =>
      tx.query<{ session_id: string; session_version: number }>(
        'select * from hearth.auth_start_session($1, $2, $3, $4)',
        [userId, seen.userAgent, seen.address, SESSION_MAX_AGE_SECONDS],
      ),
    db,
  );
  return row ? { sessionId: row.session_id, version: row.session_version } : null;
}

/** The user's sessions that can still be used, most recently seen first. */
export async function listSessions(
  user: UserScope,
  currentSessionId: string | null,
  db?: Database,
): Promise<SessionSummary[]> {
  const rows = await withUser(
    user,
    (tx) =>
      tx.query<{ id: string; created_at: Date; last_seen_at: Date; user_agent: string | null; address: string | null }>(
        `select s.id, s.created_at, s.last_seen_at, s.user_agent, s.address
           from hearth.sessions s
          where s.ended_at is null
            and s.version = (select u.session_version from hearth.users u where u.id = (select hearth.requesting_user_id()))
            and s.last_seen_at > now() - make_interval(secs => $1)
          order by s.last_seen_at desc, s.created_at desc
          limit 100`,
        [SESSION_MAX_AGE_SECONDS],
      ),
    db,
  );
  return rows.map((row) => ({
    id: row.id,
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
    userAgent: row.user_agent,
    address: row.address,
    current: row.id === currentSessionId,
  }));
}

/** Ends one of the user's sessions; someone else's, or one already ended, is "not found". */
export async function endSession(user: UserScope, sessionId: string, db?: Database): Promise<void> {
  const [row] = await withUser(
    user,
    (tx) => tx.query<{ ended: boolean }>('select hearth.end_own_session($1) as ended', [sessionId]),
    db,
  );
  forgetSessionState(user.id);
  if (!row?.ended) throw new HearthError('not_found', 'This session has already ended.');
}

/** "Sign out everywhere": every session of the user ends, this one included. */
export async function endAllSessions(user: UserScope, db?: Database): Promise<void> {
  await withUser(user, (tx) => bumpSessionVersion(user.id, tx), db);
}

/**
 * Signing out ends the session the token belongs to, so the token stops working even if a copy
 * of it survives the cookie. A token from before sessions were recorded has no row to end: the
 * user's version goes up instead, which ends every such token.
 */
export async function endSessionAtSignOut(
  claims: Pick<SessionClaims, 'id' | 'sessionId'>,
  db?: Database,
): Promise<void> {
  if (claims.sessionId) {
    await withUser({ id: claims.id }, (tx) => tx.query('select hearth.end_own_session($1)', [claims.sessionId]), db);
    forgetSessionState(claims.id);
  } else {
    await withUser({ id: claims.id }, (tx) => bumpSessionVersion(claims.id, tx), db);
  }
}
