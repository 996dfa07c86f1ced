'use server';

import { attempt, sessionUser, type ActionResult } from '@/lib/actions';
import { endAllSessions, endSession } from '@/lib/auth/sessions';
import { toHearthError } from '@/lib/errors';
import { uuid } from '@/lib/validation/ids';
import { parseWith } from '@/lib/validation/parse';

/** Signs out one of the person's other sessions (the browser there must sign in again). */
export async function endSessionAction(id: string): Promise<ActionResult> {
  return attempt(async () => endSession(await sessionUser(), parseWith(uuid, id)), '/settings/security');
}

/**
 * "Sign out everywhere": every session ends, this one included. Nothing is re-rendered (this
 * session has ended too): the page signs this browser out and reloads on the sign-in page.
 */
export async function signOutEverywhereAction(): Promise<ActionResult> {
  try {
    await endAllSessions(await sessionUser());
    return { ok: true };
  } catch (error) {
    return { ok: false, error: toHearthError(error).message };
  }
}
