import { describe, expect, it } from 'vitest';
import { startOpenAICompatibleServer, type ListedModel } from '@/lib/testing/fake-providers';
import {
  modelListRequests,
  OPENROUTER_MODELS,
  startBrokenServer,
  modelListHarness,
} from '@/lib/testing/model-list-servers';
import type { CatalogueEntry } from './catalogue-entry';
import { DEFAULT_REMOTE_CONTEXT_WINDOW, liveModels, mergeCatalogue, MODEL_LIST_TTL_MS } from './model-lists';

/** The lists come from loopback servers speaking each provider's protocol; nothing leaves 127.0.0.1. */

const KEY = 'test-key-9d2c4e7a1b';
const HOUR = MODEL_LIST_TTL_MS;

const GROQ_MODELS: ListedModel[] = [
  { id: 'llama-3.3-70b-versatile', owned_by: 'Meta', context_length: 131_072 },
  { id: 'qwen/qwen3-32b', owned_by: 'Alibaba Cloud', context_length: 131_072 },
  { id: 'whisper-large-v3', owned_by: 'OpenAI', context_length: 448 },
  { id: 'playai-tts', owned_by: 'PlayAI', context_length: 8_192 },
  { id: 'meta-llama/llama-guard-4-12b', owned_by: 'Meta', context_length: 131_072 },
];

const OLLAMA_MODELS: ListedModel[] = [
  { id: 'llama3.2:latest', owned_by: 'library' },
  { id: 'qwen2.5-coder:7b', owned_by: 'library' },
  { id: 'nomic-embed-text:latest', owned_by: 'library' },
];

const { now, advance, track, warned } = modelListHarness();

describe('Groq’s live model list, read with groq-sdk', () => {
  // Groq's real layout: GROQ_BASE_URL is https://api.groq.com/openai/v1, and groq-sdk adds /openai/v1 to the host.
  const start = () =>
    track(startOpenAICompatibleServer({ apiKey: KEY, flavor: 'groq', basePath: '/openai/v1', models: GROQ_MODELS }));

  it('lists the chat models with their context windows, leaving out speech and safety models', async () => {
    const server = await start();
    const models = await liveModels({ GROQ_API_KEY: KEY, GROQ_BASE_URL: server.url }, now);
    const chat = { vision: false, audio: false, tools: false, reasoning: false };
    expect(models).toEqual([
      {
        id: 'groq/llama-3.3-70b-versatile',
        name: 'llama-3.3-70b-versatile (Groq)',
        contextWindow: 131_072,
        capabilities: chat,
        pricing: null,
      },
      {
        id: 'groq/qwen/qwen3-32b',
        name: 'qwen/qwen3-32b (Groq)',
        contextWindow: 131_072,
        capabilities: chat,
        pricing: null,
      },
    ]);
    const [request] = modelListRequests(server);
    expect(request).toMatchObject({ path: '/openai/v1/models' });
    expect(request!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request!.headers['user-agent']).toMatch(/^Groq\/JS/);
  });

  it('is cached for an hour like the others', async () => {
    const server = await start();
    const env = { GROQ_API_KEY: KEY, GROQ_BASE_URL: `${server.url}/` };
    await liveModels(env, now);
    advance(HOUR - 1);
    await liveModels(env, now);
    expect(modelListRequests(server)).toHaveLength(1);
    advance(1);
    await liveModels(env, now);
    expect(modelListRequests(server)).toHaveLength(2);
  });

  it('gives nothing for a key Groq refuses, once, and logs the status without the key', async () => {
    const server = await start();
    const wrongKey = 'gsk_wrong_0a1b2c3d4e5f';
    expect(await liveModels({ GROQ_API_KEY: wrongKey, GROQ_BASE_URL: server.url }, now)).toEqual([]);
    expect(modelListRequests(server)).toHaveLength(1);
    expect(warned()).toHaveBeenCalledExactlyOnceWith(
      '[models] could not refresh the Groq model list (HTTP 401); no list yet',
    );
  });
});

describe('a local server’s live model list', () => {
  it('lists an Ollama server’s models, free and with the default window, leaving out embedding models', async () => {
    const ollama = await track(startOpenAICompatibleServer({ apiKey: null, models: OLLAMA_MODELS }));
    const models = await liveModels({ LOCAL_LLM_BASE_URL: ollama.url }, now);
    const local = {
      contextWindow: DEFAULT_REMOTE_CONTEXT_WINDOW,
      capabilities: { vision: false, audio: false, tools: false, reasoning: false },
      pricing: { inputPerMtok: 0, outputPerMtok: 0 },
    };
    expect(models).toEqual([
      { id: 'local/llama3.2:latest', name: 'llama3.2:latest (local)', ...local },
      { id: 'local/qwen2.5-coder:7b', name: 'qwen2.5-coder:7b (local)', ...local },
    ]);
    const [request] = modelListRequests(ollama);
    expect(request).toMatchObject({ path: '/v1/models' });
    expect(request!.headers.authorization).toBeUndefined();
  });

  it('sends LOCAL_LLM_API_KEY to a server that wants one (LM Studio, vLLM --api-key)', async () => {
    const server = await track(startOpenAICompatibleServer({ apiKey: KEY, models: [{ id: 'qwen2.5-7b-instruct' }] }));
    const models = await liveModels({ LOCAL_LLM_BASE_URL: server.url, LOCAL_LLM_API_KEY: KEY }, now);
    expect(models.map((model) => model.id)).toEqual(['local/qwen2.5-7b-instruct']);
    expect(modelListRequests(server)[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });
});

describe('every provider at once', () => {
  it('asks nothing of providers that are not configured', async () => {
    const openrouter = await track(startOpenAICompatibleServer({ apiKey: KEY, flavor: 'openrouter' }));
    const groq = await track(startOpenAICompatibleServer({ apiKey: KEY, flavor: 'groq', basePath: '/openai/v1' }));
    // Base URLs without keys: OpenRouter's list is public, but its models are no use without a key.
    expect(
      await liveModels({ OPENROUTER_BASE_URL: openrouter.url, GROQ_BASE_URL: groq.url, LOCAL_LLM_API_KEY: KEY }, now),
    ).toEqual([]);
    expect(openrouter.requests).toEqual([]);
    expect(groq.requests).toEqual([]);
    expect(warned()).not.toHaveBeenCalled();
  });

  it('lists every configured provider together', async () => {
    const [openrouter, groq, ollama] = await Promise.all([
      track(startOpenAICompatibleServer({ apiKey: KEY, flavor: 'openrouter', models: OPENROUTER_MODELS.slice(0, 1) })),
      track(
        startOpenAICompatibleServer({
          apiKey: KEY,
          flavor: 'groq',
          basePath: '/openai/v1',
          models: GROQ_MODELS.slice(0, 1),
        }),
      ),
      track(startOpenAICompatibleServer({ apiKey: null, models: OLLAMA_MODELS.slice(0, 1) })),
    ]);
    const env = {
      OPENROUTER_API_KEY: KEY,
      OPENROUTER_BASE_URL: openrouter.url,
      GROQ_API_KEY: KEY,
      GROQ_BASE_URL: groq.url,
      LOCAL_LLM_BASE_URL: ollama.url,
    };
    expect((await liveModels(env, now)).map((model) => model.id)).toEqual([
      'openrouter/openai/gpt-4o-mini',
      'groq/llama-3.3-70b-versatile',
      'local/llama3.2:latest',
    ]);
  });

  it('gives up on servers that do not answer within 5 s, so a page is never held longer', async () => {
    const silent = await track(startBrokenServer(() => {}));
    const env = {
      GROQ_API_KEY: KEY,
      GROQ_BASE_URL: `${silent.origin}/openai/v1`,
      LOCAL_LLM_BASE_URL: `${silent.origin}/v1`,
    };
    const startedAt = performance.now();
    expect(await liveModels(env, now)).toEqual([]);
    const elapsed = performance.now() - startedAt;
    expect(elapsed).toBeGreaterThanOrEqual(4_900);
    expect(elapsed).toBeLessThan(7_000);
    expect(silent.requests.map((request) => request.path).sort()).toEqual(['/openai/v1/models', '/v1/models']);
    expect(
      warned()
        .mock.calls.map((call) => call.join(' '))
        .sort(),
    ).toEqual([
      '[models] could not refresh the Groq model list (timed out); no list yet',
      '[models] could not refresh the local server model list (timed out); no list yet',
    ]);
  }, 15_000);
});

describe('mergeCatalogue', () => {
  const entry = (id: string, name: string, pricing: CatalogueEntry['pricing'] = null): CatalogueEntry => ({
    id,
    name,
    contextWindow: 32_000,
    capabilities: { vision: false, audio: false, tools: false, reasoning: false },
    pricing,
  });

  it('keeps the curated entries first and as they are, then adds live ones by provider and name', () => {
    const curated = [
      entry('google/gemini-2.5-flash', 'Gemini 2.5 Flash', { inputPerMtok: 0.3, outputPerMtok: 2.5 }),
      entry('groq/llama-3.3-70b-versatile', 'Llama 3.3 70B (Groq)', { inputPerMtok: 0.59, outputPerMtok: 0.79 }),
    ];
    const live = [
      entry('openrouter/z-ai/glm-4.6', 'Z.AI: GLM 4.6 (OpenRouter)'),
      entry('groq/llama-3.3-70b-versatile', 'llama-3.3-70b-versatile (Groq)'),
      entry('local/qwen3:8b', 'qwen3:8b (local)'),
      entry('groq/qwen/qwen3-32b', 'qwen/qwen3-32b (Groq)'),
      entry('openrouter/anthropic/claude-sonnet-4.5', 'Anthropic: Claude Sonnet 4.5 (OpenRouter)'),
      entry('groq/allam-2-7b', 'allam-2-7b (Groq)'),
      entry('local/qwen3:8b', 'qwen3:8b again (local)'),
    ];
    expect(mergeCatalogue(curated, live)).toEqual([
      curated[0],
      curated[1],
      entry('groq/allam-2-7b', 'allam-2-7b (Groq)'),
      entry('groq/qwen/qwen3-32b', 'qwen/qwen3-32b (Groq)'),
      entry('local/qwen3:8b', 'qwen3:8b (local)'),
      entry('openrouter/anthropic/claude-sonnet-4.5', 'Anthropic: Claude Sonnet 4.5 (OpenRouter)'),
      entry('openrouter/z-ai/glm-4.6', 'Z.AI: GLM 4.6 (OpenRouter)'),
    ]);
  });
});
