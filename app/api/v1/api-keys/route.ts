import { createApiKey, listApiKeys } from '@/lib/auth/api-keys';
import { requireApiUser, requireSessionApiUser } from '@/lib/auth/api-user';
import { errorResponse } from '@/lib/errors';
import { createApiKeyRequest } from '@/lib/validation/api-keys';
import { parseWith, readJson } from '@/lib/validation/parse';

/** The caller's live keys; never the keys themselves, only their prefixes. */
export async function GET(request: Request) {
  try {
    const keys = await listApiKeys(await requireApiUser(request));
    return Response.json({
      data: keys.map((k) => ({ id: k.id, name: k.name, prefix: k.prefix, created_at: k.createdAt, last_used_at: k.lastUsedAt })),
    });
  } catch (error) {
    return errorResponse(error);
  }
}

/** A new key, in the response this once. Browser sessions only: a key must not mint keys. */
export async function POST(request: Request) {
  try {
    const user = await requireSessionApiUser(request);
    const { name } = parseWith(createApiKeyRequest, await readJson(request));
    const created = await createApiKey(user, name);
    return Response.json(
      { id: created.id, name: created.name, key: created.key, prefix: created.prefix, created_at: created.createdAt },
      { status: 201, headers: { 'cache-control': 'no-store' } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
