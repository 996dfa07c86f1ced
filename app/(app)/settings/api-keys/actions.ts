'use server';

import { revalidatePath } from 'next/cache';
import { createApiKey, revokeApiKey } from '@/lib/api-keys/keys';
import { toHearthError } from '@/lib/errors';
import { apiKeyName } from '@/lib/api-keys/schemas';
import { uuid } from '@/lib/validation/ids';
import { parseWith } from '@/lib/validation/parse';
import { attempt, sessionUser, type ActionResult } from '@/lib/actions';

export type CreateApiKeyResult = { ok: true; key: string; prefix: string } | { ok: false; error: string };

/** A new key; the only time its full value leaves the server. */
export async function createApiKeyAction(name: string): Promise<CreateApiKeyResult> {
  try {
    const created = await createApiKey(await sessionUser(), parseWith(apiKeyName, name));
    revalidatePath('/settings/api-keys');
    return { ok: true, key: created.key, prefix: created.prefix };
  } catch (error) {
    return { ok: false, error: toHearthError(error).message };
  }
}

export async function revokeApiKeyAction(id: string): Promise<ActionResult> {
  return attempt(async () => revokeApiKey(await sessionUser(), parseWith(uuid, id)), '/settings/api-keys');
}
