import { redirect } from 'next/navigation';
import { getDb } from '@/lib/db';
import { HearthError } from '@/lib/errors';
import { grantAdmin } from './grant-admin';
import { getSessionCaller, requireUser } from './session';
import { loadUser, type SessionUser } from './users';

/** ADMIN_EMAILS: comma-separated, case-insensitive. */
export function adminEmails(env: Record<string, string | undefined> = process.env): Set<string> {
  return new Set(
    (env.ADMIN_EMAILS ?? '')
      .split(',')
      .map((email) => email.trim().toLowerCase())
      .filter(Boolean),
  );
}

/**
 * At sign-in: an email listed in ADMIN_EMAILS becomes an admin once its owner has proven it
 * (lib/auth/verification.ts grants it the moment the link is followed). Returns the role to put in the token.
 */
export async function roleAtSignIn(
  email: string | null | undefined,
  role: 'user' | 'admin',
): Promise<'user' | 'admin'> {
  if (role === 'admin' || !email || !adminEmails().has(email.toLowerCase())) return role;
  return (await grantAdmin(await getDb(), email, { onlyVerified: true })) ? 'admin' : role;
}

/**
 * For admin pages: the signed-in user, re-read from the database, who must be an enabled admin.
 * The middleware already turned away tokens without the role; this catches a demoted admin.
 */
export async function requireAdminPage(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== 'admin') redirect('/');
  return user;
}

/** For admin routes and actions: the caller, who must be an enabled admin in the database (403 otherwise). */
export async function requireAdmin(): Promise<SessionUser> {
  const session = await getSessionCaller();
  if (!session) throw new HearthError('unauthorized', 'Sign in first.');
  const user = await loadUser(session.id);
  if (!user || user.disabled)
    throw new HearthError('unauthorized', 'Your session is no longer valid. Please sign in again.');
  if (user.role !== 'admin') throw new HearthError('forbidden', 'Only admins can do this.');
  return user;
}
