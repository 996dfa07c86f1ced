'use server';

import { attempt, sessionUser, type ActionResult } from '@/lib/actions';
import { likeCompanion, reportCompanion } from '@/lib/companions/community';
import { toHearthError } from '@/lib/errors';

/** Likes or unlikes a companion in the Community (either twice is the same as once); the pages showing its likes refresh. */
export async function likeCompanionAction(id: string, liked: boolean): Promise<ActionResult> {
  return attempt(async () => likeCompanion(await sessionUser(), String(id), liked === true), '/', 'layout');
}

/**
 * Reports a companion to the admins' queue: `input` is { reason, note } (lib/companions/community.ts
 * `companionReport`). Nothing the person sees changes, so no page is refreshed.
 */
export async function reportCompanionAction(id: string, input: unknown): Promise<ActionResult> {
  try {
    await reportCompanion(await sessionUser(), String(id), input);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: toHearthError(error).message };
  }
}
