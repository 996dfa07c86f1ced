'use server';

import { sessionUser } from '@/lib/actions';
import { draftCompanion } from '@/lib/companions/draft';
import { drawAvatar } from '@/lib/companions/draw-avatar';
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

export type PortraitResult = { ok: true; base64: string; mediaType: string } | { ok: false; error: string };

/** A portrait drawn for the companion being made, which the form then uploads like a picked file. */
export async function drawAvatarAction(about: {
  name: string;
  tagline: string;
  description: string;
}): Promise<PortraitResult> {
  try {
    await sessionUser();
    const { bytes, mediaType } = await drawAvatar(about);
    return { ok: true, base64: Buffer.from(bytes).toString('base64'), mediaType };
  } catch (error) {
    return { ok: false, error: toHearthError(error).message };
  }
}
