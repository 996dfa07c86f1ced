import type { LanguageModel } from 'ai';
import type { Language } from '@/lib/languages';
import { createOfflineModel, OFFLINE_MODEL_ID, type OfflinePersona } from './offline/model';
import { CATALOGUE, catalogueEntry } from './catalogue';
import type { CatalogueEntry } from './catalogue-entry';
import { DEFAULT_REMOTE_CONTEXT_WINDOW, liveModels, mergeCatalogue } from './model-lists';
import { REMOTE_PROVIDERS, type Env } from './providers';

export const OFFLINE_MODEL = `offline/${OFFLINE_MODEL_ID}`;

export type ModelContext = { persona: OfflinePersona; language: Language };

type Provider = {
  /** Why the provider cannot be used right now, or null when it can. */
  unavailableReason: (env: Env) => string | null;
  create: (modelName: string, context: ModelContext, env: Env) => LanguageModel;
  contextWindow: (modelName: string) => number;
};

function envNumber(env: Env, name: string, fallback: number): number {
  const value = Number(env[name]);
  return env[name] !== undefined && env[name] !== '' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

const PROVIDERS: Record<string, Provider> = {
  offline: {
    unavailableReason: () => null,
    create: (_modelName, { persona, language }, env) =>
      createOfflineModel({
        persona,
        language,
        firstTokenDelayMs: envNumber(env, 'OFFLINE_MODEL_FIRST_TOKEN_MS', 300),
        wordDelayMs: envNumber(env, 'OFFLINE_MODEL_WORD_MS', 40),
      }),
    contextWindow: () => 8_192,
  },
  ...Object.fromEntries(
    REMOTE_PROVIDERS.map((provider): [string, Provider] => [
      provider.id,
      {
        unavailableReason: (env) =>
          env[provider.requiredEnv] ? null : `${provider.label} is not configured: set ${provider.requiredEnv}.`,
        create: (modelName, _context, env) => provider.create(modelName, env),
        contextWindow: (modelName) =>
          catalogueEntry(`${provider.id}/${modelName}`)?.contextWindow ?? DEFAULT_REMOTE_CONTEXT_WINDOW,
      },
    ]),
  ),
};

export type ResolvedModel = { id: string; model: LanguageModel; contextWindow: number; isOffline: boolean };

function split(id: string): [string, string] {
  const slash = id.indexOf('/');
  return slash > 0 ? [id.slice(0, slash), id.slice(slash + 1)] : ['', id];
}

export function providerOf(id: string): string {
  return split(id)[0];
}

export function modelUnavailableReason(id: string, env: Env = process.env): string | null {
  const [providerId, modelName] = split(id);
  const provider = Object.hasOwn(PROVIDERS, providerId) ? PROVIDERS[providerId] : undefined;
  if (!provider || !modelName) return `Unknown model "${id}": model ids read provider/model.`;
  return provider.unavailableReason(env);
}

/** A model this deployment can use (see modelUnavailableReason), ready to stream. */
export function resolveModel(id: string, context: ModelContext, env: Env = process.env): ResolvedModel {
  const [providerId, modelName] = split(id);
  const provider = PROVIDERS[providerId] ?? PROVIDERS.offline!;
  return {
    id,
    model: provider.create(modelName, context, env),
    contextWindow: provider.contextWindow(modelName),
    isOffline: providerId === 'offline',
  };
}

export function isOfflineModel(id: string): boolean {
  return split(id)[0] === 'offline';
}

export type ListedModel = CatalogueEntry & { provider: string; available: boolean; unavailableReason: string | null };

/** The curated catalogue and the providers' live lists, with each model's availability in this deployment. */
export async function listModels(env: Env = process.env): Promise<ListedModel[]> {
  return mergeCatalogue(CATALOGUE, await liveModels(env)).map((entry) => {
    const reason = modelUnavailableReason(entry.id, env);
    return { ...entry, provider: split(entry.id)[0], available: reason === null, unavailableReason: reason };
  });
}
