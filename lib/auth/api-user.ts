import { HearthError } from '@/lib/errors';
import { hashApiKey, resolveApiKey } from '@/lib/api-keys/keys';
import { requireRequestSession } from './session';

/**
 * Who is calling the REST API, and with which bearer key (its hash; null for a browser session).
 * isGuest comes from the session token; a key does not say, so a guest's key counts as a user's.
 */
export type ApiCaller = { id: string; role: 'user' | 'admin'; isGuest: boolean; keyHash: string | null };

/**
 * The owner of the bearer key when there is an Authorization header (a bad one is a 401 even with
 * a session cookie beside it: the caller meant the key), else the browser session.
 */
export async function requireApiUser(request: Request): Promise<ApiCaller> {
  const authorization = request.headers.get('authorization');
  if (authorization === null) {
    const { id, role, isGuest } = await requireRequestSession(
      request,
      'Sign in, or send an API key as "Authorization: Bearer <key>".',
    );
    return { id, role, isGuest, keyHash: null };
  }
  const key = /^Bearer +(\S+) *$/i.exec(authorization)?.[1];
  if (!key) throw new HearthError('unauthorized', 'The Authorization header must read "Bearer <API key>".');
  const user = await resolveApiKey(key);
  if (!user) throw new HearthError('unauthorized', 'This API key is not valid: it may have been revoked.');
  return { ...user, isGuest: false, keyHash: hashApiKey(key) };
}

/** For what a key must not do (such as minting more keys): a browser session only. */
export function requireBrowserSession(caller: ApiCaller): void {
  if (caller.keyHash !== null) {
    throw new HearthError('forbidden', 'An API key cannot do this. Sign in and use Settings > API keys.');
  }
}
