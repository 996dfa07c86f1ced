import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { authOptions } from './options';
import { loadUser, type SessionUser } from './users';

/** The signed-in user from the session cookie, or null. Does not touch the database. */
export async function getSessionUserId(): Promise<{ id: string; role: 'user' | 'admin' } | null> {
  const session = await getServerSession(authOptions());
  return session?.user?.id ? { id: session.user.id, role: session.user.role } : null;
}

/** For pages: the signed-in user, loaded through RLS; signs out a session whose user is gone. */
export async function requireUser(): Promise<SessionUser> {
  const session = await getSessionUserId();
  if (!session) redirect('/signin');
  const user = await loadUser(session.id);
  if (!user) redirect('/signout?reason=expired');
  return user;
}
