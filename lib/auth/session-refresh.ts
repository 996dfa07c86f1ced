import { decode, encode, type JWT } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { SESSION_MAX_AGE_SECONDS } from './options';
import { authSecret } from './secret';

const COOKIE = 'next-auth.session-token';
const SECURE_COOKIE = `__Secure-${COOKIE}`;

/**
 * Re-signs this request's session token with some claims changed (a role just granted, the session
 * version after "sign out everywhere else" or a password change) and sets it on the response, so
 * this session carries on while the others end. For server actions; a no-op without a session.
 */
export async function refreshSessionToken(changes: Partial<JWT> & Record<string, unknown>): Promise<void> {
  const store = await cookies();
  const secure = store.has(SECURE_COOKIE);
  const name = secure ? SECURE_COOKIE : COOKIE;
  const current = store.get(name)?.value;
  if (!current) return;
  const token = await decode({ token: current, secret: authSecret() }).catch(() => null);
  if (!token?.sub) return;
  const next = await encode({ token: { ...token, ...changes }, secret: authSecret(), maxAge: SESSION_MAX_AGE_SECONDS });
  store.set(name, next, { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: SESSION_MAX_AGE_SECONDS });
}
