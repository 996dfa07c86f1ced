import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { embedMany, type EmbeddingModel } from 'ai';
import type { Env } from './providers';

/**
 * The embedding model memories are compared with, from MEMORY_EMBEDDING_MODEL
 * (`openai/text-embedding-3-small`, `google/text-embedding-004`, `local/nomic-embed-text`), with
 * the same keys and base URLs as the chat providers. Null when unset or its provider has no key.
 */
export type Embedder = { id: string; embed: (texts: string[], signal?: AbortSignal) => Promise<number[][]> };

const FACTORIES: Record<string, { requires: string; create: (model: string, env: Env) => EmbeddingModel }> = {
  openai: {
    requires: 'OPENAI_API_KEY',
    create: (model, env) =>
      createOpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL || undefined }).embedding(model),
  },
  google: {
    requires: 'GOOGLE_GENERATIVE_AI_API_KEY',
    create: (model, env) =>
      createGoogleGenerativeAI({
        apiKey: env.GOOGLE_GENERATIVE_AI_API_KEY,
        baseURL: env.GOOGLE_BASE_URL || undefined,
      }).embedding(model),
  },
  local: {
    requires: 'LOCAL_LLM_BASE_URL',
    create: (model, env) =>
      createOpenAI({
        name: 'local',
        apiKey: env.LOCAL_LLM_API_KEY || 'not-needed',
        baseURL: env.LOCAL_LLM_BASE_URL,
      }).embedding(model),
  },
};

export function memoryEmbedder(env: Env): Embedder | null {
  const id = env.MEMORY_EMBEDDING_MODEL?.trim();
  if (!id) return null;
  const slash = id.indexOf('/');
  const factory = FACTORIES[id.slice(0, slash)];
  if (slash < 0 || !factory || !env[factory.requires]) return null;
  const model = factory.create(id.slice(slash + 1), env);
  return {
    id,
    embed: async (texts, signal) =>
      (await embedMany({ model, values: texts, abortSignal: signal, maxRetries: 1 })).embeddings,
  };
}

/** Cosine similarity; 0 when either vector is missing or their sizes differ (another model made one). */
export function cosine(a: readonly number[] | null | undefined, b: readonly number[] | null | undefined): number {
  if (!a || !b || a.length !== b.length || a.length === 0) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
