import type { Queryable } from '@/lib/db/client';

export type ApiKey = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null };

const COLUMNS = `id, name, prefix, created_at as "createdAt", last_used_at as "lastUsedAt"`;

/** Inserts a key for the user in scope; the row's user_id comes from the scope, never from here. */
export async function insertApiKey(
  tx: Queryable,
  input: { name: string; prefix: string; keyHash: string },
): Promise<ApiKey> {
  const [row] = await tx.query<ApiKey>(
    `insert into hearth.api_keys (name, prefix, key_hash) values ($1, $2, $3) returning ${COLUMNS}`,
    [input.name, input.prefix, input.keyHash],
  );
  return row!;
}

/** The live keys the scope can see (its own), newest first. */
export async function listLiveApiKeys(tx: Queryable): Promise<ApiKey[]> {
  return tx.query<ApiKey>(
    `select ${COLUMNS} from hearth.api_keys where revoked_at is null order by created_at desc, id desc`,
  );
}

/** False when there is no such live key in scope (unknown, already revoked, or someone else's). */
export async function revokeApiKeyRow(tx: Queryable, id: string): Promise<boolean> {
  const rows = await tx.query(
    'update hearth.api_keys set revoked_at = now() where id = $1 and revoked_at is null returning id',
    [id],
  );
  return rows.length > 0;
}

/** The owner of a live key with this hash (anon scope: through the security-definer function). */
export async function apiKeyOwner(
  tx: Queryable,
  keyHash: string,
): Promise<{ id: string; role: 'user' | 'admin' } | null> {
  const [row] = await tx.query<{ user_id: string; role: 'user' | 'admin' }>('select * from hearth.auth_api_key($1)', [
    keyHash,
  ]);
  return row ? { id: row.user_id, role: row.role } : null;
}
