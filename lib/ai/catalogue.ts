import type { CatalogueEntry } from './catalogue-entry';
import { cachedLiveModel } from './model-lists';

const text = { vision: false, audio: false, tools: true, reasoning: false };

// Prices as published by each provider when this list was written; check them before relying on
// cost figures. A model missing here still works: it gets a default window and no price.
export const CATALOGUE: readonly CatalogueEntry[] = [
  {
    id: 'google/gemini-2.5-flash',
    name: 'Gemini 2.5 Flash',
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    capabilities: { vision: true, audio: true, tools: true, reasoning: true },
    pricing: { inputPerMtok: 0.3, outputPerMtok: 2.5 },
  },
  {
    id: 'google/gemini-2.5-pro',
    name: 'Gemini 2.5 Pro',
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    capabilities: { vision: true, audio: true, tools: true, reasoning: true },
    pricing: { inputPerMtok: 1.25, outputPerMtok: 10 },
  },
  {
    id: 'groq/llama-3.3-70b-versatile',
    name: 'Llama 3.3 70B (Groq)',
    contextWindow: 131_072,
    maxOutputTokens: 32_768,
    capabilities: text,
    pricing: { inputPerMtok: 0.59, outputPerMtok: 0.79 },
  },
  {
    id: 'groq/llama-3.1-8b-instant',
    name: 'Llama 3.1 8B Instant (Groq)',
    contextWindow: 131_072,
    maxOutputTokens: 131_072,
    capabilities: text,
    pricing: { inputPerMtok: 0.05, outputPerMtok: 0.08 },
  },
  {
    id: 'openrouter/meta-llama/llama-3.3-70b-instruct',
    name: 'Llama 3.3 70B (OpenRouter)',
    contextWindow: 131_072,
    maxOutputTokens: 16_384,
    capabilities: text,
    pricing: null,
  },
  {
    id: 'openai/gpt-4o-mini',
    name: 'GPT-4o mini',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    capabilities: { vision: true, audio: false, tools: true, reasoning: false },
    pricing: { inputPerMtok: 0.15, outputPerMtok: 0.6 },
  },
  {
    id: 'offline/hearth-demo',
    name: 'Hearth offline demo',
    contextWindow: 8_192,
    maxOutputTokens: 1_024,
    capabilities: { vision: false, audio: false, tools: true, reasoning: false },
    pricing: { inputPerMtok: 0, outputPerMtok: 0 },
  },
];

/** A model's entry: the curated one, else one from the live lists fetched so far. */
export function catalogueEntry(id: string): CatalogueEntry | undefined {
  return CATALOGUE.find((entry) => entry.id === id) ?? cachedLiveModel(id);
}

/** The reply's cost in US dollars, or null when the model's price or the usage is unknown. */
export function costUsd(id: string, usage: { inputTokens?: number; outputTokens?: number }): number | null {
  const pricing = catalogueEntry(id)?.pricing;
  if (!pricing || usage.inputTokens === undefined || usage.outputTokens === undefined) return null;
  return (usage.inputTokens * pricing.inputPerMtok + usage.outputTokens * pricing.outputPerMtok) / 1_000_000;
}

/** Whether the model can call tools (the picture tool); unknown models are offered none. */
export function canUseTools(id: string): boolean {
  return catalogueEntry(id)?.capabilities.tools ?? false;
}

/** Whether the model takes images; unknown models are sent text only. */
export function canSeeImages(id: string): boolean {
  return catalogueEntry(id)?.capabilities.vision ?? false;
}

/** The most tokens the model writes in one reply, or undefined when the catalogue does not know. */
export function modelOutputCap(id: string): number | undefined {
  return catalogueEntry(id)?.maxOutputTokens;
}
