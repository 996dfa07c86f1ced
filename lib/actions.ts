import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { requireSessionUser } from '@/lib/auth/session';
import { toHearthError } from '@/lib/errors';
import { clientAddress, takeRequestQuota } from '@/lib/rate-limit';

/** What a server action tells the page: done, or a message to show inline. */
export type ActionResult = { ok: true } | { ok: false; error: string };

/**
 * The signed-in user of a server action; a clear error once the session has ended, and a 429
 * HearthError (its message for the ActionResult) past the requests-per-minute limit.
 */
export async function sessionUser() {
  const user = await requireSessionUser('Your session has ended. Sign in again.');
  await takeRequestQuota(user, clientAddress(await headers()));
  return user;
}

/** Runs an action's change, refreshes the pages under `path` after it, and turns a failure into its message. */
export async function attempt(
  fn: () => Promise<unknown>,
  path: string,
  type?: 'layout' | 'page',
): Promise<ActionResult> {
  try {
    await fn();
    revalidatePath(path, type);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: toHearthError(error).message };
  }
}
