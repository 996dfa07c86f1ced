'use server';

import { sessionUser } from '@/lib/actions';
import { draftCompanion } from '@/lib/companions/draft';
import type { CompanionDraft } from '@/lib/companions/draft-offline';
import { toHearthError } from '@/lib/errors';

export type DraftResult = { ok: true; draft: CompanionDraft } | { ok: false; error: string };

/** "Describe your character in a few lines": a first draft of the form's fields. */
export async function draftCompanionAction(description: string): Promise<DraftResult> {
  try {
    return { ok: true, draft: await draftCompanion(await sessionUser(), { description }) };
  } catch (error) {
    return { ok: false, error: toHearthError(error).message };
  }
}
