import { encode } from 'next-auth/jwt';
import { startSession } from '@/lib/auth/sessions';
import type { Database } from '@/lib/db';

/**
 * A session cookie as signing in makes one: a hearth.sessions row, and a token carrying its id,
 * the user's session version, role and guest flag, signed with `secret` (NEXTAUTH_SECRET).
 */
export async function sessionCookie(
  db: Database,
  user: { id: string },
  secret: string,
  claims: { role?: 'user' | 'admin'; isGuest?: boolean } = {},
): Promise<string> {
  const started = await startSession(user.id, { userAgent: 'Test browser', address: null }, db);
  if (!started) throw new Error('could not start a session for a test user');
  const token = await encode({
    token: {
      sub: user.id,
      role: claims.role ?? 'user',
      guest: claims.isGuest ?? false,
      sessionId: started.sessionId,
      sessionVersion: started.version,
    },
    secret,
  });
  return `next-auth.session-token=${token}`;
}
