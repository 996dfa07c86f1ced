'use server';

import { revalidatePath } from 'next/cache';
import { createApiKey, revokeApiKey } from '@/lib/auth/api-keys';
import { requireSessionUser } from '@/lib/auth/session';
import { toHearthError } from '@/lib/errors';
import { apiKeyName } from '@/lib/validation/api-keys';
import { uuid } from '@/lib/validation/chat';
import { parseWith } from '@/lib/validation/parse';
import type { ActionResult } from '../../actions';

export type CreateApiKeyResult = { ok: true; key: string; prefix: string } | { ok: false; error: string };

const signedIn = () => requireSessionUser('Your session has ended. Sign in again.');

/** A new key; the only time its full value leaves the server. */
export async function createApiKeyAction(name: string): Promise<CreateApiKeyResult> {
  try {
    const created = await createApiKey(await signedIn(), parseWith(apiKeyName, name));
    revalidatePath('/settings/api-keys');
    return { ok: true, key: created.key, prefix: created.prefix };
  } catch (error) {
    return { ok: false, error: toHearthError(error).message };
  }
}

export async function revokeApiKeyAction(id: string): Promise<ActionResult> {
  try {
    await revokeApiKey(await signedIn(), parseWith(uuid, id));
    revalidatePath('/settings/api-keys');
    return { ok: true };
  } catch (error) {
    return { ok: false, error: toHearthError(error).message };
  }
}
