'use server';

import { attempt, type ActionResult } from '@/lib/actions';
import { moderateCompanion } from '@/lib/admin/moderation';
import { requireAdmin } from '@/lib/auth/roles';

/**
 * One moderation action on a person's companion (hide, feature, remove, relabel_nsfw, dismiss...):
 * the caller must be an enabled admin in the database (a 403 otherwise), and the action is audited.
 * Every page is refreshed after it, since the Community on the home page changes with it.
 */
export async function moderateCompanionAction(id: string, action: string): Promise<ActionResult> {
  return attempt(async () => moderateCompanion(await requireAdmin(), String(id), action), '/', 'layout');
}
