import { createHash, randomBytes } from 'node:crypto';
import { apiKeyOwner, insertApiKey, listLiveApiKeys, revokeApiKeyRow, type ApiKey } from '@/lib/api-keys/queries';
import type { Database } from '@/lib/db/client';
import { withAnon, withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { requireVerified } from '@/lib/auth/verification';

export type { ApiKey } from '@/lib/api-keys/queries';
export type CreatedApiKey = ApiKey & { key: string };

const KEY_PREFIX = 'hk_';
// "hk_" and seven characters of the key: enough to tell keys apart, far too few to guess the rest.
const DISPLAY_PREFIX_LENGTH = 10;

/** hk_ and 43 base64url characters: 256 random bits. */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** SHA-256 suffices: the key is random, not a password someone chose, so it cannot be guessed faster. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * A new key for the user; the returned `key` is the only time it exists outside the caller's hands.
 * Only for an account whose email address is proven (403 email_not_verified otherwise): a key
 * outlives sessions, so it is not handed to an account nobody has shown to be theirs.
 * Guests cannot have one (403): a key would be a full account's access outside the guest budget
 * (the database refuses it too).
 */
export async function createApiKey(user: UserScope, name: string, db?: Database): Promise<CreatedApiKey> {
  await requireVerified(user.id, 'create API keys', db);
  const key = generateApiKey();
  const row = await withUser(
    user,
    async (tx) => {
      const [me] = await tx.query<{ is_guest: boolean }>('select is_guest from hearth.users where id = $1', [user.id]);
      if (me?.is_guest)
        throw new HearthError('forbidden', 'Guest accounts cannot have API keys. Create an account to use the API.');
      return insertApiKey(tx, { name, prefix: key.slice(0, DISPLAY_PREFIX_LENGTH), keyHash: hashApiKey(key) });
    },
    db,
  );
  return { ...row, key };
}

export async function listApiKeys(user: UserScope, db?: Database): Promise<ApiKey[]> {
  return withUser(user, (tx) => listLiveApiKeys(tx), db);
}

/** Revokes one of the user's live keys; any other id (someone else's too) is "not found". */
export async function revokeApiKey(user: UserScope, id: string, db?: Database): Promise<void> {
  const revoked = await withUser(user, (tx) => revokeApiKeyRow(tx, id), db);
  if (!revoked) throw new HearthError('not_found', 'This API key does not exist.');
}

/** The owner of a live key, or null for an unknown or revoked one. Records the use. */
export async function resolveApiKey(
  key: string,
  db?: Database,
): Promise<{ id: string; role: 'user' | 'admin' } | null> {
  if (!key.startsWith(KEY_PREFIX)) return null;
  return withAnon((tx) => apiKeyOwner(tx, hashApiKey(key)), db);
}
