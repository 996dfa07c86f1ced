import { apiRoute, preflight } from '@/lib/api/route';
import { revokeApiKey } from '@/lib/api-keys/keys';
import { uuid } from '@/lib/validation/ids';
import { parseWith } from '@/lib/validation/parse';

/** Revokes a key at once: the next request with it gets a 401. Someone else's key is "not found". */
export const DELETE = apiRoute<{ id: string }>(async (request, context, caller) => {
  await revokeApiKey(caller, parseWith(uuid, (await context.params).id));
  return new Response(null, { status: 204 });
});

export const OPTIONS = preflight;
