import { getToken } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { HearthError } from '@/lib/errors';
import type { SessionCheck } from '@/lib/rate-limit';
import { decodedOnce } from './decoded-sessions';
import { authSecret } from './secret';
import { claimsOfToken, sessionIsCurrent, type SessionClaims } from './session-state';
import { loadUser, type LoadedUser } from './users';

export { claimsOfToken, type SessionClaims } from './session-state';

/** The signed-in caller of a request whose session has been checked against the database. */
export type SessionCaller = { id: string; role: 'user' | 'admin'; isGuest: boolean; sessionId: string | null };

const ENDED = 'Your session has ended. Please sign in again.';

/**
 * The signed-in user from the session cookie, or null: no cookie, or a session that has ended
 * (signed out, signed out everywhere, password changed, role changed, account disabled). Decodes
 * the JWT directly (getServerSession would run the whole next-auth handler), then checks it against
 * the database state cached for a few seconds (session-state.ts).
 */
export async function getSessionCaller(): Promise<SessionCaller | null> {
  return checked(await sessionClaims());
}

/**
 * The same, read from a request's Cookie header: for route handlers, which have the request (and
 * can then be called directly, outside Next.js's request scope, in tests).
 */
export async function sessionFromRequest(request: Request): Promise<SessionCaller | null> {
  return checked(await sessionClaimsFromRequest(request));
}

/** For routes and actions: the signed-in user, or a 401 that says what to do. */
export async function requireSessionUser(message = 'Sign in first.'): Promise<SessionCaller> {
  return required(await sessionClaims(), message);
}

/** requireSessionUser for a route handler, from its request. */
export async function requireRequestSession(request: Request, message = 'Sign in first.'): Promise<SessionCaller> {
  return required(await sessionClaimsFromRequest(request), message);
}

/**
 * What the session cookie claims, NOT yet checked against the database: for the chat turn, which
 * checks it in the same round trip as its quota (takeReplyQuota), and for callers that
 * check it themselves.
 */
export async function sessionClaims(): Promise<SessionClaims | null> {
  const store = await cookies();
  return claimsFromCookies(Object.fromEntries(store.getAll().map((cookie) => [cookie.name, cookie.value])));
}

export function sessionClaimsFromRequest(request: Request): Promise<SessionClaims | null> {
  return claimsFromCookies(parseCookieHeader(request.headers.get('cookie')));
}

/**
 * For the chat turn: the caller the cookie claims (a 401 without one) and the check of their
 * session, made by takeReplyQuota in the same round trip as the quota.
 */
export async function requireSessionClaims(
  request: Request,
  message = 'Sign in first.',
): Promise<{ caller: SessionCaller; check: SessionCheck }> {
  const claims = await sessionClaimsFromRequest(request);
  if (!claims) throw new HearthError('unauthorized', message);
  return {
    caller: callerOf(claims),
    check: {
      claim: {
        userId: claims.id,
        sessionId: claims.sessionId,
        version: claims.version,
        role: claims.role,
        isGuest: claims.isGuest,
      },
      verify: () => sessionIsCurrent(claims),
    },
  };
}

export function callerOf(claims: SessionClaims): SessionCaller {
  return { id: claims.id, role: claims.role, isGuest: claims.isGuest, sessionId: claims.sessionId };
}

async function checked(claims: SessionClaims | null): Promise<SessionCaller | null> {
  return claims && (await sessionIsCurrent(claims)) ? callerOf(claims) : null;
}

async function required(claims: SessionClaims | null, message: string): Promise<SessionCaller> {
  if (!claims) throw new HearthError('unauthorized', message);
  if (!(await sessionIsCurrent(claims))) throw new HearthError('unauthorized', ENDED);
  return callerOf(claims);
}

// No headers on purpose: getToken would otherwise take an `Authorization: Bearer` value for a session token.
async function claimsFromCookies(all: Record<string, string>): Promise<SessionClaims | null> {
  const secureCookie = Object.keys(all).some((name) => name.startsWith('__Secure-next-auth.session-token'));
  const cookie = sessionCookie(all, secureCookie);
  if (!cookie) return null;
  return decodedOnce(cookie, async () => {
    const token = await getToken({ req: { cookies: all, headers: {} } as never, secret: authSecret(), secureCookie });
    const claims = claimsOfToken(token);
    return claims && typeof token?.exp === 'number' ? { claims, expiresAt: token.exp * 1000 } : null;
  });
}

/**
 * Every cookie getToken reads for the session (the token, or its chunks .0, .1, ...), names and
 * values: equal strings mean equal input to getToken, so the same claims.
 */
function sessionCookie(all: Record<string, string>, secure: boolean): string {
  const name = `${secure ? '__Secure-' : ''}next-auth.session-token`;
  return Object.keys(all)
    .filter((key) => key.startsWith(name))
    .sort()
    .map((key) => `${key}=${all[key]}`)
    .join('; ');
}

function parseCookieHeader(header: string | null): Record<string, string> {
  const all: Record<string, string> = {};
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const value = pair.slice(at + 1).trim();
    try {
      all[pair.slice(0, at).trim()] = decodeURIComponent(value);
    } catch {
      all[pair.slice(0, at).trim()] = value;
    }
  }
  return all;
}

/**
 * For pages: the signed-in user, loaded through RLS; a session that has ended, or whose user is
 * gone or disabled, is signed out. Once per request, however many layouts and pages ask.
 */
export const requireUser = cache(async (): Promise<LoadedUser & { sessionId: string | null }> => {
  const claims = await sessionClaims();
  if (!claims) redirect('/signin');
  if (!(await sessionIsCurrent(claims))) redirect('/signout?reason=ended');
  const user = await loadUser(claims.id);
  if (!user) redirect('/signout?reason=expired');
  if (user.disabled) redirect('/signout?reason=disabled');
  return { ...user, sessionId: claims.sessionId };
});
