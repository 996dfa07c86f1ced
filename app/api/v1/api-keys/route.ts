import { apiRoute, preflight } from '@/lib/api/route';
import { createdApiKeyJson, apiKeyJson } from '@/lib/api-keys/json';
import { createApiKey, listApiKeys } from '@/lib/api-keys/keys';
import { requireBrowserSession } from '@/lib/auth/api-user';
import { createApiKeyRequest } from '@/lib/api-keys/schemas';
import { parseWith, readJson } from '@/lib/validation/parse';

/** The caller's live keys; never the keys themselves, only their prefixes. */
export const GET = apiRoute(async (request, context, caller) => {
  const keys = await listApiKeys(caller);
  return Response.json({ data: keys.map(apiKeyJson) });
});

/** A new key, in the response this once. Browser sessions only: a key must not mint keys. */
export const POST = apiRoute(async (request, context, caller) => {
  requireBrowserSession(caller);
  const { name } = parseWith(createApiKeyRequest, await readJson(request));
  const created = await createApiKey(caller, name);
  return Response.json(createdApiKeyJson(created), { status: 201, headers: { 'cache-control': 'no-store' } });
});

export const OPTIONS = preflight;
