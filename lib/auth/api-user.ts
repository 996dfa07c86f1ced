import { HearthError } from '@/lib/errors';
import { resolveApiKey } from './api-keys';
import { requireSessionUser } from './session';

type ApiUser = { id: string; role: 'user' | 'admin' };

/**
 * Who is calling the REST API: the owner of the bearer key when there is an Authorization header
 * (a bad one is a 401 even with a session cookie beside it: the caller meant the key), else the
 * browser session.
 */
export async function requireApiUser(request: Request): Promise<ApiUser> {
  const authorization = request.headers.get('authorization');
  if (authorization === null) return requireSessionUser('Sign in, or send an API key as "Authorization: Bearer <key>".');
  const key = /^Bearer +(\S+) *$/i.exec(authorization)?.[1];
  if (!key) throw new HearthError('unauthorized', 'The Authorization header must read "Bearer <API key>".');
  const user = await resolveApiKey(key);
  if (!user) throw new HearthError('unauthorized', 'This API key is not valid: it may have been revoked.');
  return user;
}

/** For what a key must not do (such as minting more keys): a browser session only. */
export async function requireSessionApiUser(request: Request): Promise<ApiUser> {
  const user = await requireApiUser(request);
  if (request.headers.has('authorization')) {
    throw new HearthError('forbidden', 'An API key cannot do this. Sign in and use Settings > API keys.');
  }
  return user;
}
