import type { JWT } from 'next-auth/jwt';
import type { Database } from '@/lib/db/client';
import { withAnon } from '@/lib/db/scope';

/**
 * What a session token claims, once its signature and expiry have been checked: the user, the role
 * and guest flag it was issued with, the id of its hearth.sessions row (null in a token issued
 * before sessions were recorded) and the session version it was issued at.
 */
export type SessionClaims = {
  id: string;
  role: 'user' | 'admin';
  isGuest: boolean;
  sessionId: string | null;
  version: number;
};

/** A decoded token's claims; a token issued before session versions existed is at version 0. */
export function claimsOfToken(token: JWT | null): SessionClaims | null {
  if (!token?.sub) return null;
  return {
    id: token.sub,
    role: token.role ?? 'user',
    isGuest: token.guest ?? false,
    sessionId: token.sessionId ?? null,
    version: token.sessionVersion ?? 0,
  };
}

/** The database's side of a session; null when the user no longer exists. */
export type SessionState = {
  version: number;
  role: 'user' | 'admin';
  isGuest: boolean;
  disabled: boolean;
  live: boolean;
} | null;

/**
 * How long this process trusts what it read. Another server (or `npm run admin:grant`) that ends a
 * session is noticed within this; this process's own changes are noticed at once (forgetSessionState).
 */
export const SESSION_STATE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

type Entry = { at: number; state: Promise<SessionState> };
// On globalThis: the middleware and the route handlers are separate module instances in one process.
const store = globalThis as { __hearthSessionStates?: Map<string, Entry> };
const cache = (store.__hearthSessionStates ??= new Map());

/**
 * Whether a token still stands: the account exists and is enabled, has the role and guest flag the
 * token says, its version is the token's, and its session row has not been ended.
 */
export function sessionMatches(state: SessionState, claims: SessionClaims): boolean {
  return (
    state !== null &&
    !state.disabled &&
    state.live &&
    state.version === claims.version &&
    state.role === claims.role &&
    state.isGuest === claims.isGuest
  );
}

/** sessionMatches against the state read at most SESSION_STATE_TTL_MS ago (one query when it is older). */
export async function sessionIsCurrent(
  claims: SessionClaims,
  options: { db?: Database; now?: number } = {},
): Promise<boolean> {
  return sessionMatches(await sessionState(claims.id, claims.sessionId, options), claims);
}

export function sessionState(
  userId: string,
  sessionId: string | null,
  { db, now = Date.now() }: { db?: Database; now?: number } = {},
): Promise<SessionState> {
  const key = `${userId}:${sessionId ?? ''}`;
  const hit = cache.get(key);
  if (hit && now - hit.at < SESSION_STATE_TTL_MS) return hit.state;
  // One query for every request of this session that misses at once.
  const entry: Entry = { at: now, state: readState(userId, sessionId, db) };
  cache.delete(key);
  cache.set(key, entry);
  entry.state.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  for (const oldest of cache.keys()) {
    if (cache.size <= MAX_ENTRIES) break;
    cache.delete(oldest);
  }
  return entry.state;
}

/** After this process changed what a user's sessions are checked against. */
export function forgetSessionState(userId: string): void {
  for (const key of cache.keys()) if (key.startsWith(`${userId}:`)) cache.delete(key);
}

async function readState(userId: string, sessionId: string | null, db?: Database): Promise<SessionState> {
  const [row] = await withAnon(
    (tx) =>
      tx.query<{
        session_version: number;
        role: 'user' | 'admin';
        is_guest: boolean;
        disabled: boolean;
        session_live: boolean;
      }>('select * from hearth.auth_session_state($1, $2)', [userId, sessionId]),
    db,
  );
  return row
    ? {
        version: row.session_version,
        role: row.role,
        isGuest: row.is_guest,
        disabled: row.disabled,
        live: row.session_live,
      }
    : null;
}
