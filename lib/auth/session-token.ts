import type { JWT } from 'next-auth/jwt';
import { knownAddress } from '@/lib/rate-limit/client-address';
import { currentAuthRequest } from './auth-request';
import { claimsOfToken, sessionIsCurrent } from './session-state';
import { startSession } from './sessions';
import { summarizeUserAgent } from './user-agent';

/**
 * At sign-in (next-auth's jwt callback, once the token names the user and role): records the
 * session and puts its id and the user's session version into the token. An account that is
 * disabled by then gets no session.
 */
export async function beginSession(token: JWT): Promise<JWT> {
  const request = currentAuthRequest();
  const started = await startSession(token.sub!, {
    userAgent: summarizeUserAgent(request?.headers.get('user-agent')),
    address: request ? knownAddress(request.address) : null,
  });
  if (!started) throw new Error('This account has been disabled.');
  return { ...token, sessionId: started.sessionId, sessionVersion: started.version };
}

/**
 * Whenever next-auth reads a token back (GET /api/auth/session, which would also extend its
 * cookie): a session that has ended throws, and next-auth then clears the cookie.
 */
export async function assertSessionCurrent(token: JWT): Promise<JWT> {
  const claims = claimsOfToken(token);
  if (!claims || !(await sessionIsCurrent(claims))) throw new Error('This session has ended.');
  return token;
}
