import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { HearthError } from '@/lib/errors';
import { authOptions } from './options';
import { loadUser, type SessionUser } from './users';

/** The signed-in user from the session cookie, or null. Does not touch the database. */
export async function getSessionUserId(): Promise<{ id: string; role: 'user' | 'admin' } | null> {
  const session = await getServerSession(authOptions());
  return session?.user?.id ? { id: session.user.id, role: session.user.role } : null;
}

/** For routes and actions: the signed-in user, or a 401 that says what to do. */
export async function requireSessionUser(message = 'Sign in first.'): Promise<{ id: string; role: 'user' | 'admin' }> {
  const user = await getSessionUserId();
  if (!user) throw new HearthError('unauthorized', message);
  return user;
}

/** For pages: the signed-in user, loaded through RLS; signs out a session whose user is gone. */
export async function requireUser(): Promise<SessionUser> {
  const session = await getSessionUserId();
  if (!session) redirect('/signin');
  const user = await loadUser(session.id);
  if (!user) redirect('/signout?reason=expired');
  return user;
}
