import type { Companion } from '@/lib/companions/queries';
import { HearthError } from '@/lib/errors';
import { remoteProvider, type Env } from './providers';
import { isOfflineModel, modelUnavailableReason, OFFLINE_MODEL, providerOf, type ListedModel } from './registry';

/** What routing needs to know about a companion. */
export type RoutedCompanion = Pick<Companion, 'name' | 'defaultModel' | 'fallbackModels' | 'nsfw'>;

/**
 * The providers allowed to answer companions flagged NSFW: NSFW_PROVIDERS, comma-separated;
 * OpenRouter by default, as in the original design. The offline model is not among them unless
 * named, so a mature companion never silently falls back to another provider.
 */
export function nsfwProviders(env: Env = process.env): string[] {
  const listed = env.NSFW_PROVIDERS?.split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  return listed?.length ? listed : ['openrouter'];
}

function labelOf(providerId: string): string {
  return providerId === 'offline' ? 'the offline model' : (remoteProvider(providerId)?.label ?? providerId);
}

/** Why this companion cannot be answered by this model in this deployment, or null when it can. */
export function modelRefusal(
  id: string,
  companion: Pick<RoutedCompanion, 'name' | 'nsfw'>,
  env: Env = process.env,
): string | null {
  const unavailable = modelUnavailableReason(id, env);
  if (unavailable) return unavailable;
  const allowed = nsfwProviders(env);
  if (companion.nsfw && !allowed.includes(providerOf(id))) {
    return `${companion.name} is for mature conversations, which only ${allowed.map(labelOf).join(' or ')} may answer here.`;
  }
  return null;
}

/**
 * What a person is told when a mature companion has no model that may answer it: either no
 * provider allowed mature conversations is set up on this server, or one is but none of the
 * companion's models comes from it. People read this in the chat, so it names no setting.
 */
export function nsfwUnconfigured(
  companion: Pick<RoutedCompanion, 'name' | 'defaultModel' | 'fallbackModels'>,
  env: Env = process.env,
): string {
  const ready = nsfwProviders(env).filter((id) => modelUnavailableReason(`${id}/any`, env) === null);
  if (!ready.length) return `${companion.name} is for mature conversations, which this server isn’t set up for yet.`;
  return `${companion.name} is for mature conversations, and none of ${companion.name}’s models may hold them here yet (only ${ready.map(labelOf).join(' or ')} may).`;
}

/**
 * The models a turn tries, in order: the one asked for (this message, else the conversation's),
 * then the companion's default and its fallbacks, keeping those this deployment can use. An
 * explicitly requested model that cannot be used is refused, never silently replaced.
 */
export function modelCandidates(
  input: { requested?: string; conversationModel: string; companion: RoutedCompanion },
  env: Env = process.env,
): string[] {
  const { requested, conversationModel, companion } = input;
  if (requested) {
    const refusal = modelRefusal(requested, companion, env);
    if (refusal) throw new HearthError('provider_not_configured', refusal);
  }
  const ordered = [...new Set([requested, conversationModel, companion.defaultModel, ...companion.fallbackModels])];
  const usable = ordered.filter((id): id is string => !!id && modelRefusal(id, companion, env) === null);
  if (usable.length) return usable;
  if (companion.nsfw) throw new HearthError('provider_not_configured', nsfwUnconfigured(companion, env));
  return [OFFLINE_MODEL];
}

/** The catalogue as this companion may use it: unavailable models carry the reason. */
export function modelsFor(
  companion: Pick<RoutedCompanion, 'name' | 'nsfw'>,
  models: ListedModel[],
  env: Env = process.env,
): ListedModel[] {
  return models.map((model) => {
    const refusal = modelRefusal(model.id, companion, env);
    return { ...model, available: refusal === null, unavailableReason: refusal };
  });
}

/** What the chat should say about who answers, when it is not a configured model: null when it is. */
export function routingNotice(
  conversationModel: string,
  companion: RoutedCompanion,
  env: Env = process.env,
): string | null {
  try {
    const [first] = modelCandidates({ conversationModel, companion }, env);
    return first && isOfflineModel(first)
      ? `${companion.name} is answering with Hearth’s built-in offline model for now: friendly, but not very deep.`
      : null;
  } catch (error) {
    if (error instanceof HearthError) return error.message;
    throw error;
  }
}

/** The model a new conversation with this companion starts on. */
export function preferredModel(companion: RoutedCompanion, env: Env = process.env): string {
  const usable = [companion.defaultModel, ...companion.fallbackModels].find(
    (id) => modelRefusal(id, companion, env) === null,
  );
  return usable ?? (companion.nsfw ? companion.defaultModel : OFFLINE_MODEL);
}
