import Groq, { APIConnectionTimeoutError, APIError } from 'groq-sdk';
import { z } from 'zod';
import type { CatalogueEntry } from './catalogue-entry';
import type { Env } from './providers';

/**
 * The models each configured provider lists right now, fetched on the server and cached per
 * provider and base URL for an hour. A refresh that fails keeps the last good list, so a provider
 * that is briefly down or slow never empties the picker, and never holds a page for long.
 */

/** The context window of a model nobody told us about: small enough to be safe on most models. */
export const DEFAULT_REMOTE_CONTEXT_WINDOW = 32_000;

export const MODEL_LIST_TTL_MS = 60 * 60_000;
/** After a failed refresh, wait this long before trying again, so a provider that is down costs one slow page a minute, not every page. */
export const MODEL_LIST_RETRY_MS = 60_000;
const FETCH_TIMEOUT_MS = 5_000;

const OPENROUTER_BASE_URL = 'https://openrouter.ai/api/v1';
const GROQ_BASE_URL = 'https://api.groq.com/openai/v1';

type LiveProvider = 'openrouter' | 'groq' | 'local';

type ModelSource = {
  provider: LiveProvider;
  label: string;
  /** The base URL to list from, or undefined when the provider is not configured. */
  baseURL: (env: Env) => string | undefined;
  fetchModels: (baseURL: string, env: Env) => Promise<CatalogueEntry[]>;
};

const SOURCES: readonly ModelSource[] = [
  {
    provider: 'openrouter',
    label: 'OpenRouter',
    // Its list is public, but its models cannot be used without a key.
    baseURL: (env) => (env.OPENROUTER_API_KEY ? env.OPENROUTER_BASE_URL || OPENROUTER_BASE_URL : undefined),
    fetchModels: fetchOpenRouterModels,
  },
  {
    provider: 'groq',
    label: 'Groq',
    baseURL: (env) => (env.GROQ_API_KEY ? env.GROQ_BASE_URL || GROQ_BASE_URL : undefined),
    fetchModels: fetchGroqModels,
  },
  {
    provider: 'local',
    label: 'local server',
    baseURL: (env) => env.LOCAL_LLM_BASE_URL || undefined,
    fetchModels: fetchLocalModels,
  },
];

/** Every configured provider's live models, ids `provider/model`; providers that are not configured add nothing. */
export async function liveModels(env: Env = process.env, now: () => number = Date.now): Promise<CatalogueEntry[]> {
  const lists = await Promise.all(SOURCES.map((source) => cachedModels(source, env, now)));
  return lists.flat();
}

/**
 * The curated catalogue, then the live models it does not already have. Curated entries win on
 * the same id: their names and prices were checked by hand.
 */
export function mergeCatalogue(curated: readonly CatalogueEntry[], live: readonly CatalogueEntry[]): CatalogueEntry[] {
  const listed = new Set(curated.map((entry) => entry.id));
  const liveOnly: CatalogueEntry[] = [];
  for (const entry of live) {
    if (listed.has(entry.id)) continue;
    listed.add(entry.id);
    liveOnly.push(entry);
  }
  return [...curated, ...liveOnly.sort(byProviderThenName)];
}

function byProviderThenName(a: CatalogueEntry, b: CatalogueEntry): number {
  return (
    providerOf(a.id).localeCompare(providerOf(b.id)) ||
    a.name.localeCompare(b.name, 'en', { numeric: true, sensitivity: 'base' })
  );
}

const providerOf = (id: string) => id.slice(0, id.indexOf('/'));

// --- The cache -------------------------------------------------------------------------------

type CacheSlot = {
  /** The last good list; empty until one arrives. */
  models: CatalogueEntry[];
  /** No request before this time (ms since the epoch). */
  freshUntil: number;
  /** The refresh under way, shared by every caller that arrives meanwhile. */
  refreshing?: Promise<CatalogueEntry[]>;
};

// On globalThis: Next.js may load this module more than once (per route bundle, after a reload in
// dev), and each copy must share one cache rather than each fetching the lists again.
const CACHE = Symbol.for('hearth.liveModelLists');
type GlobalWithCache = typeof globalThis & { [CACHE]?: Map<string, CacheSlot> };

function cache(): Map<string, CacheSlot> {
  return ((globalThis as GlobalWithCache)[CACHE] ??= new Map());
}

/**
 * A model from the lists already fetched, without fetching: what a turn uses for a live model's
 * context window and price.
 */
export function cachedLiveModel(id: string): CatalogueEntry | undefined {
  for (const slot of cache().values()) {
    const found = slot.models.find((entry) => entry.id === id);
    if (found) return found;
  }
  return undefined;
}

/** Forgets every list (for tests). */
export function resetLiveModelCache(): void {
  cache().clear();
}

function cachedModels(source: ModelSource, env: Env, now: () => number): Promise<CatalogueEntry[]> {
  const baseURL = source.baseURL(env)?.replace(/\/+$/, '');
  if (!baseURL) return Promise.resolve([]);
  const slot = cacheSlot(`${source.provider} ${baseURL}`);
  if (now() < slot.freshUntil) return Promise.resolve(slot.models);
  slot.refreshing ??= refresh(source, baseURL, env, slot, now).finally(() => {
    slot.refreshing = undefined;
  });
  return slot.refreshing;
}

function cacheSlot(key: string): CacheSlot {
  const existing = cache().get(key);
  if (existing) return existing;
  const slot: CacheSlot = { models: [], freshUntil: -Infinity };
  cache().set(key, slot);
  return slot;
}

async function refresh(
  source: ModelSource,
  baseURL: string,
  env: Env,
  slot: CacheSlot,
  now: () => number,
): Promise<CatalogueEntry[]> {
  try {
    slot.models = await source.fetchModels(baseURL, env);
    slot.freshUntil = now() + MODEL_LIST_TTL_MS;
  } catch (error) {
    slot.freshUntil = now() + MODEL_LIST_RETRY_MS;
    const kept = slot.models.length ? `keeping the last good list (${slot.models.length} models)` : 'no list yet';
    console.warn(`[models] could not refresh the ${source.label} model list (${failureReason(error)}); ${kept}`);
  }
  return slot.models;
}

class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** A short reason for the log: never the error's own message, which may quote a URL or a key. */
function failureReason(error: unknown): string {
  if (error instanceof APIConnectionTimeoutError || (error instanceof Error && error.name === 'TimeoutError'))
    return 'timed out';
  if (error instanceof HttpStatusError || (error instanceof APIError && error.status !== undefined))
    return `HTTP ${error.status}`;
  if (error instanceof z.ZodError || error instanceof SyntaxError) return 'unexpected response';
  return 'unreachable';
}

async function getJson(url: string, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!response.ok) {
    await response.body?.cancel();
    throw new HttpStatusError(response.status);
  }
  return response.json();
}

// --- OpenRouter ------------------------------------------------------------------------------

const openRouterList = z.object({
  data: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().nullish(),
      context_length: z.number().int().positive().nullish(),
      // US dollars per token, as decimal strings; "-1" where the price varies (openrouter/auto).
      pricing: z.object({ prompt: z.string().nullish(), completion: z.string().nullish() }).nullish(),
      architecture: z.object({ input_modalities: z.array(z.string()).nullish() }).nullish(),
      supported_parameters: z.array(z.string()).nullish(),
    }),
  ),
});

async function fetchOpenRouterModels(baseURL: string): Promise<CatalogueEntry[]> {
  const { data } = openRouterList.parse(await getJson(`${baseURL}/models`));
  return data.map((model) => {
    const inputs = model.architecture?.input_modalities ?? [];
    const parameters = model.supported_parameters ?? [];
    return {
      id: `openrouter/${model.id}`,
      name: `${model.name || model.id} (OpenRouter)`,
      contextWindow: model.context_length ?? DEFAULT_REMOTE_CONTEXT_WINDOW,
      capabilities: {
        vision: inputs.includes('image'),
        audio: inputs.includes('audio'),
        tools: parameters.includes('tools'),
        reasoning: parameters.includes('reasoning'),
      },
      pricing: perMillionTokens(model.pricing?.prompt, model.pricing?.completion),
    };
  });
}

function perMillionTokens(
  input: string | null | undefined,
  output: string | null | undefined,
): CatalogueEntry['pricing'] {
  const inputPerMtok = dollarsPerMillion(input);
  const outputPerMtok = dollarsPerMillion(output);
  return inputPerMtok === null || outputPerMtok === null ? null : { inputPerMtok, outputPerMtok };
}

function dollarsPerMillion(perToken: string | null | undefined): number | null {
  const value = perToken?.trim() ? Number(perToken) : NaN;
  if (!Number.isFinite(value) || value < 0) return null;
  // Rounded to a millionth of a dollar: "0.0000003" * 1e6 is 0.29999999999999993 in floating point.
  return Math.round(value * 1e12) / 1e6;
}

// --- Groq ------------------------------------------------------------------------------------

const groqList = z.object({
  data: z.array(
    z.object({
      id: z.string().min(1),
      active: z.boolean().nullish(),
      context_window: z.number().int().positive().nullish(),
    }),
  ),
});

// Groq lists its speech-to-text (whisper*), text-to-speech (*tts*) and safety classifier (*guard*)
// models alongside the chat models; none of them can hold a conversation.
const GROQ_NON_CHAT_MODEL = /whisper|tts|guard/i;

/**
 * groq-sdk takes the host root (default https://api.groq.com) and adds /openai/v1/models itself,
 * while GROQ_BASE_URL is the OpenAI-style base @ai-sdk/groq takes (https://api.groq.com/openai/v1):
 * the client gets GROQ_BASE_URL without its /openai/v1. A base not ending in /openai/v1 is passed
 * as it is, so the list is read from {GROQ_BASE_URL}/openai/v1/models.
 */
function groqSdkBaseURL(openaiStyleBase: string): string {
  return openaiStyleBase.replace(/\/openai\/v1$/, '');
}

async function fetchGroqModels(baseURL: string, env: Env): Promise<CatalogueEntry[]> {
  // baseURL and apiKey are always given: left out, groq-sdk would read GROQ_BASE_URL from
  // process.env as its own (host root) base and ask for /openai/v1/openai/v1/models.
  const client = new Groq({
    apiKey: env.GROQ_API_KEY,
    baseURL: groqSdkBaseURL(baseURL),
    timeout: FETCH_TIMEOUT_MS,
    maxRetries: 0,
  });
  const { data } = groqList.parse(await client.models.list());
  return data
    .filter((model) => model.active !== false && !GROQ_NON_CHAT_MODEL.test(model.id))
    .map((model) => ({
      id: `groq/${model.id}`,
      name: `${model.id} (Groq)`,
      contextWindow: model.context_window ?? DEFAULT_REMOTE_CONTEXT_WINDOW,
      // The list says nothing of capabilities or prices; the curated catalogue has them for the models it knows.
      capabilities: { vision: false, audio: false, tools: false, reasoning: false },
      pricing: null,
    }));
}

// --- Local server ----------------------------------------------------------------------------

// GET {base}/models is the OpenAI-style list Ollama (/v1/models), LM Studio, llama.cpp server and vLLM all serve.
const openaiList = z.object({ data: z.array(z.object({ id: z.string().min(1) })) });

// Ollama and LM Studio list their embedding models too (nomic-embed-text, mxbai-embed-large, ...).
const EMBEDDING_MODEL = /embed/i;

async function fetchLocalModels(baseURL: string, env: Env): Promise<CatalogueEntry[]> {
  const headers: Record<string, string> = env.LOCAL_LLM_API_KEY
    ? { authorization: `Bearer ${env.LOCAL_LLM_API_KEY}` }
    : {};
  const { data } = openaiList.parse(await getJson(`${baseURL}/models`, headers));
  return data
    .filter((model) => !EMBEDDING_MODEL.test(model.id))
    .map((model) => ({
      id: `local/${model.id}`,
      name: `${model.id} (local)`,
      // The OpenAI-style list carries no window; the server's own setting is unknown here.
      contextWindow: DEFAULT_REMOTE_CONTEXT_WINDOW,
      capabilities: { vision: false, audio: false, tools: false, reasoning: false },
      pricing: { inputPerMtok: 0, outputPerMtok: 0 },
    }));
}
