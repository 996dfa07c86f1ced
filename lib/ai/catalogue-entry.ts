/** What Hearth knows of a model: curated in catalogue.ts, or read from a provider's live list. */
export type CatalogueEntry = {
  id: string;
  name: string;
  contextWindow: number;
  /** The most tokens the model writes in one reply, as its provider documents; unknown for live-listed models. */
  maxOutputTokens?: number;
  capabilities: { vision: boolean; audio: boolean; tools: boolean; reasoning: boolean };
  /** US dollars per million tokens, as the provider lists them; null where it varies by host. */
  pricing: { inputPerMtok: number; outputPerMtok: number } | null;
};
