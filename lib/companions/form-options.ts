import { catalogueEntry } from '@/lib/ai/catalogue';
import { modelUnavailableReason } from '@/lib/ai/registry';
import { verificationState } from '@/lib/auth/verification';
import type { UserScope } from '@/lib/db/scope';
import { ownCompanionModels } from './own';

/** A model people's companions may use here, by its name; `available` false when this server cannot reach it yet. */
export type ModelChoice = { id: string; name: string; available: boolean };

/** Why only "Only me" can be picked: a guest, or an account whose email is not confirmed yet. */
export type ShareBlock = 'guest' | 'unverified' | null;

/**
 * What the companion creator and editor offer this person: the models (those this server can reach
 * first) and whether they may share a companion (lib/companions/own.ts; the database decides).
 */
export async function ownCompanionFormOptions(user: UserScope): Promise<{ models: ModelChoice[]; block: ShareBlock }> {
  const [ids, verification] = await Promise.all([ownCompanionModels(user), verificationState(user)]);
  const models = ids
    .map((id) => ({ id, name: catalogueEntry(id)?.name ?? id, available: modelUnavailableReason(id) === null }))
    .sort((a, b) => Number(b.available) - Number(a.available));
  const block: ShareBlock = verification.isGuest ? 'guest' : verification.verified ? null : 'unverified';
  return { models, block };
}
