import { getToken } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { HearthError } from '@/lib/errors';
import { authSecret } from './secret';
import { loadUser, type SessionUser } from './users';

/**
 * The signed-in user from the session cookie, or null. Decodes the JWT directly: it sits on the
 * path to every first token, and getServerSession runs the whole next-auth handler to do the same.
 */
export type SessionCaller = { id: string; role: 'user' | 'admin'; isGuest: boolean };

export async function getSessionUserId(): Promise<SessionCaller | null> {
  const store = await cookies();
  return callerFromCookies(Object.fromEntries(store.getAll().map((cookie) => [cookie.name, cookie.value])));
}

/**
 * The same, read from a request's Cookie header: for route handlers, which have the request (and
 * can then be called directly, outside Next.js's request scope, in tests).
 */
export function sessionFromRequest(request: Request): Promise<SessionCaller | null> {
  return callerFromCookies(parseCookieHeader(request.headers.get('cookie')));
}

// No headers on purpose: getToken would otherwise take an `Authorization: Bearer` value for a session token.
async function callerFromCookies(all: Record<string, string>): Promise<SessionCaller | null> {
  const secureCookie = Object.keys(all).some((name) => name.startsWith('__Secure-next-auth.session-token'));
  const token = await getToken({ req: { cookies: all, headers: {} } as never, secret: authSecret(), secureCookie });
  return token?.sub ? { id: token.sub, role: token.role ?? 'user', isGuest: token.guest ?? false } : null;
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

/** For routes and actions: the signed-in user, or a 401 that says what to do. */
export async function requireSessionUser(message = 'Sign in first.'): Promise<SessionCaller> {
  const user = await getSessionUserId();
  if (!user) throw new HearthError('unauthorized', message);
  return user;
}

/**
 * For pages: the signed-in user, loaded through RLS; signs out a session whose user is gone or
 * has been disabled by an admin.
 * Once per request, however many layouts and pages ask.
 */
export const requireUser = cache(async (): Promise<SessionUser> => {
  const session = await getSessionUserId();
  if (!session) redirect('/signin');
  const user = await loadUser(session.id);
  if (!user) redirect('/signout?reason=expired');
  if (user.disabled) redirect('/signout?reason=disabled');
  return user;
});
