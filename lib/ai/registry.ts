import type { LanguageModel } from 'ai';
import type { Language } from '@/lib/languages';
import { createOfflineModel, OFFLINE_MODEL_ID, type OfflinePersona } from './offline-model';

export const OFFLINE_MODEL = `offline/${OFFLINE_MODEL_ID}`;

export type ModelContext = { persona: OfflinePersona; language: Language };

type Provider = {
  /** Why the provider cannot be used right now, or null when it can. */
  unavailableReason: () => string | null;
  create: (modelName: string, context: ModelContext) => LanguageModel;
  contextWindow: (modelName: string) => number;
};

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

// Real providers (Gemini, Groq, OpenRouter, OpenAI, local servers) join this table with the
// providers issue; until then every request resolves to the offline model.
const PROVIDERS: Record<string, Provider> = {
  offline: {
    unavailableReason: () => null,
    create: (_modelName, { persona, language }) =>
      createOfflineModel({
        persona,
        language,
        firstTokenDelayMs: envNumber('OFFLINE_MODEL_FIRST_TOKEN_MS', 300),
        wordDelayMs: envNumber('OFFLINE_MODEL_WORD_MS', 40),
      }),
    contextWindow: () => 8_192,
  },
};

export type ResolvedModel = { id: string; model: LanguageModel; contextWindow: number; isOffline: boolean };

function split(id: string): [string, string] {
  const slash = id.indexOf('/');
  return slash > 0 ? [id.slice(0, slash), id.slice(slash + 1)] : ['', id];
}

export function modelUnavailableReason(id: string): string | null {
  const provider = PROVIDERS[split(id)[0]];
  return provider ? provider.unavailableReason() : `Unknown model provider in "${id}".`;
}

/** The first candidate whose provider is configured; the offline model when none is. */
export function pickModelId(candidates: string[]): string {
  return candidates.find((candidate) => modelUnavailableReason(candidate) === null) ?? OFFLINE_MODEL;
}

export function resolveModel(candidates: string[], context: ModelContext): ResolvedModel {
  const id = pickModelId(candidates);
  const [providerId, modelName] = split(id);
  const provider = PROVIDERS[providerId] ?? PROVIDERS.offline!;
  return {
    id,
    model: provider.create(modelName, context),
    contextWindow: provider.contextWindow(modelName),
    isOffline: providerId === 'offline',
  };
}

export function isOfflineModel(id: string): boolean {
  return split(id)[0] === 'offline';
}
