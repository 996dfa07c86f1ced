import { OFFLINE_MODEL } from '@/lib/ai/registry';
import type { Env } from '@/lib/ai/providers';

/**
 * The models a person's companion may use: USER_COMPANION_MODELS (comma-separated model ids) when
 * the operator set it, else the models the operator's own catalogue already runs on, so a person's
 * companion never reaches a model (or a bill) the operator did not choose. Never empty: the
 * built-in offline model stands in.
 */
export function userCompanionModels(catalogueModels: readonly string[], env: Env = process.env): string[] {
  const configured = (env.USER_COMPANION_MODELS ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const models = configured.length ? configured : [...new Set(catalogueModels)];
  return models.length ? models : [OFFLINE_MODEL];
}
