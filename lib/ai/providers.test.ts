import { APICallError, generateText, streamText, type LanguageModel, type TextStreamPart, type ToolSet } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGeminiServer, startOpenAICompatibleServer, type FakeProviderServer } from '@/lib/testing/fake-providers';
import { REMOTE_PROVIDERS, remoteProvider, type Env } from './providers';
import { modelUnavailableReason, resolveModel } from './registry';

/**
 * The real SDK providers against loopback servers speaking each provider's wire protocol
 * (lib/testing/fake-providers): nothing here mocks an SDK module, and nothing leaves 127.0.0.1.
 */

const KEY = 'test-key-5b1e0c7d';
const WRONG_KEY = 'sk-wrong-3f9a2c41d7e8';

type Part = TextStreamPart<ToolSet>;

/** Runs streamText to its end and returns what came out of it. */
async function run(model: LanguageModel, options: { abortSignal?: AbortSignal; maxRetries?: number } = {}) {
  const result = streamText({
    model,
    prompt: 'Say hello',
    maxRetries: options.maxRetries ?? 0,
    abortSignal: options.abortSignal,
    onError: () => {},
  });
  const deltas: string[] = [];
  const errors: unknown[] = [];
  const types: Part['type'][] = [];
  let usage: { inputTokens?: number; outputTokens?: number } | undefined;
  let finishReason: string | undefined;
  try {
    for await (const part of result.stream) {
      types.push(part.type);
      if (part.type === 'text-delta') deltas.push(part.text);
      if (part.type === 'error') errors.push(part.error);
      if (part.type === 'finish') ({ totalUsage: usage, finishReason } = part);
    }
  } catch (error) {
    errors.push(error);
  }
  return { text: deltas.join(''), deltas, errors, types, usage, finishReason };
}

const generations = (server: FakeProviderServer) => server.requests.filter((request) => request.method === 'POST');

describe('remote providers over their wire protocols', () => {
  const servers = {} as Record<'gemini' | 'openai' | 'groq' | 'openrouter' | 'local', FakeProviderServer>;

  beforeAll(async () => {
    servers.gemini = await startGeminiServer({ apiKey: KEY });
    servers.openai = await startOpenAICompatibleServer({ apiKey: KEY, flavor: 'openai' });
    servers.groq = await startOpenAICompatibleServer({ apiKey: KEY, flavor: 'groq' });
    servers.openrouter = await startOpenAICompatibleServer({ apiKey: KEY, flavor: 'openrouter' });
    servers.local = await startOpenAICompatibleServer({ apiKey: KEY, flavor: 'openai' });
  });
  afterAll(() => Promise.all(Object.values(servers).map((server) => server.close())));
  beforeEach(() => {
    for (const server of Object.values(servers)) {
      server.requests.length = 0;
      server.setScenario(undefined);
    }
  });

  const bearer = `Bearer ${KEY}`;
  const cases = [
    {
      id: 'google',
      server: () => servers.gemini,
      model: 'gemini-2.5-flash',
      env: (key: string): Env => ({ GOOGLE_GENERATIVE_AI_API_KEY: key, GOOGLE_BASE_URL: servers.gemini.url }),
      path: '/v1beta/models/gemini-2.5-flash:streamGenerateContent',
      keyHeader: ['x-goog-api-key', KEY],
      errorMessage: 'API key not valid',
    },
    {
      id: 'groq',
      server: () => servers.groq,
      model: 'llama-3.3-70b-versatile',
      env: (key: string): Env => ({ GROQ_API_KEY: key, GROQ_BASE_URL: servers.groq.url }),
      path: '/v1/chat/completions',
      keyHeader: ['authorization', bearer],
      errorMessage: 'Invalid API Key',
    },
    {
      id: 'openrouter',
      server: () => servers.openrouter,
      model: 'meta-llama/llama-3.3-70b-instruct',
      env: (key: string): Env => ({ OPENROUTER_API_KEY: key, OPENROUTER_BASE_URL: servers.openrouter.url }),
      path: '/v1/chat/completions',
      keyHeader: ['authorization', bearer],
      errorMessage: 'User not found',
    },
    {
      id: 'openai',
      server: () => servers.openai,
      model: 'gpt-4o-mini',
      env: (key: string): Env => ({ OPENAI_API_KEY: key, OPENAI_BASE_URL: servers.openai.url }),
      path: '/v1/chat/completions',
      keyHeader: ['authorization', bearer],
      errorMessage: 'Incorrect API key provided',
    },
    {
      id: 'local',
      server: () => servers.local,
      model: 'llama3.2',
      env: (key: string): Env => ({ LOCAL_LLM_BASE_URL: servers.local.url, LOCAL_LLM_API_KEY: key }),
      path: '/v1/chat/completions',
      keyHeader: ['authorization', bearer],
      errorMessage: 'Incorrect API key provided',
    },
  ] as const;

  it.each(cases)('$id streams the scripted text in chunks and reports the server’s usage', async (c) => {
    const text = 'Warm greetings from a loopback server.';
    c.server().queue({ text, usage: { inputTokens: 21, outputTokens: 7 }, firstTokenDelayMs: 5, chunkDelayMs: 2 });
    const reply = await run(remoteProvider(c.id)!.create(c.model, c.env(KEY)));
    expect(reply.errors).toEqual([]);
    expect(reply.text).toBe(text);
    expect(reply.deltas).toEqual(['Warm ', 'greetings ', 'from ', 'a ', 'loopback ', 'server.']);
    expect(reply.usage).toMatchObject({ inputTokens: 21, outputTokens: 7 });
    expect(reply.finishReason).toBe('stop');
    expect(reply.types.at(-1)).toBe('finish');
  });

  it.each(cases)('$id sends the model name, the prompt and the key to the right path', async (c) => {
    await run(remoteProvider(c.id)!.create(c.model, c.env(KEY)));
    const requests = c.server().requests;
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request).toMatchObject({ method: 'POST', path: c.path, model: c.model, lastUserText: 'Say hello' });
    expect(request!.headers[c.keyHeader[0]]).toBe(c.keyHeader[1]);
  });

  it.each(cases)('$id: a wrong key is refused with 401 in the provider’s format, and not retried', async (c) => {
    const reply = await run(remoteProvider(c.id)!.create(c.model, c.env(WRONG_KEY)), { maxRetries: 2 });
    expect(reply.text).toBe('');
    expect(reply.errors).toHaveLength(1);
    const [error] = reply.errors;
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 401, isRetryable: false });
    expect((error as Error).message).toContain(c.errorMessage);
    expect((error as Error).message).not.toContain(WRONG_KEY);
    expect(c.server().requests).toHaveLength(1);
  });

  it.each(['openai', 'openrouter', 'local'] as const)('%s asks for a stream with usage included', async (id) => {
    const c = cases.find((candidate) => candidate.id === id)!;
    await run(remoteProvider(id)!.create(c.model, c.env(KEY)));
    expect(c.server().requests[0]!.body).toMatchObject({
      model: c.model,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('groq asks for a stream and reads usage from x_groq, which is all the Groq flavor sends', async () => {
    servers.groq.queue({ usage: { inputTokens: 33, outputTokens: 4 } });
    const reply = await run(
      remoteProvider('groq')!.create('llama-3.1-8b-instant', { GROQ_API_KEY: KEY, GROQ_BASE_URL: servers.groq.url }),
    );
    const body = servers.groq.requests[0]!.body as Record<string, unknown>;
    expect(body).toMatchObject({ model: 'llama-3.1-8b-instant', stream: true });
    expect(body.stream_options).toBeUndefined();
    expect(reply.usage).toMatchObject({ inputTokens: 33, outputTokens: 4 });
  });

  it('openrouter sends its attribution headers from APP_URL and APP_TITLE, with defaults', async () => {
    const env = { OPENROUTER_API_KEY: KEY, OPENROUTER_BASE_URL: servers.openrouter.url };
    await run(
      remoteProvider('openrouter')!.create('openai/gpt-4o-mini', {
        ...env,
        APP_URL: 'https://hearth.example',
        APP_TITLE: 'Hearth Test',
      }),
    );
    await run(remoteProvider('openrouter')!.create('openai/gpt-4o-mini', env));
    const [configured, defaults] = servers.openrouter.requests;
    expect(configured!.headers).toMatchObject({ 'http-referer': 'https://hearth.example', 'x-title': 'Hearth Test' });
    expect(defaults!.headers).toMatchObject({ 'http-referer': 'http://localhost:3000', 'x-title': 'Hearth' });
  });

  it('google streams over SSE with the key in a header, never in the URL', async () => {
    await run(
      remoteProvider('google')!.create('gemini-2.5-flash', {
        GOOGLE_GENERATIVE_AI_API_KEY: KEY,
        GOOGLE_BASE_URL: servers.gemini.url,
      }),
    );
    const [request] = servers.gemini.requests;
    expect(request!.query).toEqual({ alt: 'sse' });
    expect(request!.headers.authorization).toBeUndefined();
    expect(request!.body).toMatchObject({ contents: [{ role: 'user', parts: [{ text: 'Say hello' }] }] });
  });

  it('local sends "not-needed" as the key when LOCAL_LLM_API_KEY is unset (Ollama ignores it)', async () => {
    const ollama = await startOpenAICompatibleServer({ apiKey: null, models: [{ id: 'llama3.2:latest' }] });
    try {
      const reply = await run(remoteProvider('local')!.create('llama3.2:latest', { LOCAL_LLM_BASE_URL: ollama.url }));
      expect(reply.text).toBe('Hello from the fake provider.');
      expect(ollama.requests[0]!.headers.authorization).toBe('Bearer not-needed');
      const tags = (await (await fetch(`${ollama.origin}/api/tags`)).json()) as {
        models: { name: string; details: object }[];
      };
      expect(tags.models).toMatchObject([
        { name: 'llama3.2:latest', model: 'llama3.2:latest', details: { format: 'gguf' } },
      ]);
    } finally {
      await ollama.close();
    }
  });

  it.each([
    ['openai', 'gpt-4o-mini'],
    ['google', 'gemini-2.5-flash'],
  ] as const)('%s: a 429 with retry-after is retried by the SDK and the next attempt answers', async (id, model) => {
    const c = cases.find((candidate) => candidate.id === id)!;
    c.server().queue({ error: { status: 429, retryAfterSeconds: 0 } }, { text: 'Second time lucky.' });
    const reply = await run(remoteProvider(id)!.create(model, c.env(KEY)), { maxRetries: 2 });
    expect(reply.errors).toEqual([]);
    expect(reply.text).toBe('Second time lucky.');
    expect(generations(c.server())).toHaveLength(2);
  });

  it.each([
    ['openai', 'gpt-4o-mini'],
    ['groq', 'llama-3.3-70b-versatile'],
    ['google', 'gemini-2.5-flash'],
  ] as const)('%s: a connection dropped mid-stream ends in an error after the partial text', async (id, model) => {
    const c = cases.find((candidate) => candidate.id === id)!;
    c.server().queue({ text: 'one two three four five', dropAfterChunks: 2 });
    const reply = await run(remoteProvider(id)!.create(model, c.env(KEY)));
    expect(reply.text).toBe('one two ');
    expect(reply.errors).toHaveLength(1);
    expect(reply.types).not.toContain('finish');
  });

  it.each([
    ['openai', 'gpt-4o-mini', '/v1/chat/completions'],
    ['google', 'gemini-2.5-flash', '/v1beta/models/gemini-2.5-flash:generateContent'],
  ] as const)('%s answers generateText (no streaming) with the whole reply and usage', async (id, model, path) => {
    const c = cases.find((candidate) => candidate.id === id)!;
    c.server().queue({ text: 'All at once.', usage: { inputTokens: 8, outputTokens: 3 } });
    const result = await generateText({
      model: remoteProvider(id)!.create(model, c.env(KEY)),
      prompt: 'Say hello',
      maxRetries: 0,
    });
    expect(result.text).toBe('All at once.');
    expect(result.usage).toMatchObject({ inputTokens: 8, outputTokens: 3 });
    expect(c.server().requests[0]!.path).toBe(path);
  });

  it.each([
    ['openai', 'gpt-4o-mini'],
    ['groq', 'llama-3.3-70b-versatile'],
    ['google', 'gemini-2.5-flash'],
  ] as const)(
    '%s: a stream that ends early but cleanly finishes with reason "interrupted", not an error',
    async (id, model) => {
      const c = cases.find((candidate) => candidate.id === id)!;
      c.server().queue({ text: 'one two three four five', truncateAfterChunks: 2 });
      const reply = await run(remoteProvider(id)!.create(model, c.env(KEY)));
      expect(reply.text).toBe('one two ');
      expect(reply.errors).toEqual([]);
      expect(reply.finishReason).toBe('interrupted');
    },
  );

  it('a stalled stream sends nothing until the caller gives up', async () => {
    servers.openai.queue({ stall: true });
    const startedAt = Date.now();
    const reply = await run(remoteProvider('openai')!.create('gpt-4o-mini', cases[3].env(KEY)), {
      abortSignal: AbortSignal.timeout(150),
    });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(140);
    expect(reply.deltas).toEqual([]);
    expect(reply.types).toContain('abort');
  });

  it('serves model lists: OpenAI-style behind the key, OpenRouter-style in public, Gemini-style', async () => {
    const unauthorized = await fetch(`${servers.openai.url}/models`);
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: 'invalid_api_key' },
    });
    const openai = await fetch(`${servers.openai.url}/models`, { headers: { authorization: bearer } });
    expect(await openai.json()).toMatchObject({ object: 'list', data: [{ id: 'fake-chat', object: 'model' }] });
    const openrouter = await fetch(`${servers.openrouter.url}/models`);
    expect(await openrouter.json()).toMatchObject({
      data: [{ id: 'fake-chat', context_length: 32_768, pricing: { prompt: '0' } }],
    });
    const gemini = await fetch(`${servers.gemini.url}/models`, { headers: { 'x-goog-api-key': KEY } });
    expect(await gemini.json()).toMatchObject({ models: [{ name: 'models/gemini-2.5-flash' }] });
  });
});

describe('model registry', () => {
  it('names the missing env var of a provider that is not configured, and nothing once it is', () => {
    expect(modelUnavailableReason('groq/x', {})).toContain('GROQ_API_KEY');
    expect(modelUnavailableReason('groq/x', { GROQ_API_KEY: 'k' })).toBeNull();
  });

  it.each(REMOTE_PROVIDERS.map((provider) => [provider.id, provider.requiredEnv] as const))(
    '%s is switched on by %s',
    (id, requiredEnv) => {
      expect(modelUnavailableReason(`${id}/some-model`, {})).toContain(requiredEnv);
      expect(modelUnavailableReason(`${id}/some-model`, { [requiredEnv]: 'set' })).toBeNull();
    },
  );

  it('refuses ids without a provider, or without a model', () => {
    const everything: Env = Object.fromEntries(REMOTE_PROVIDERS.map((provider) => [provider.requiredEnv, 'set']));
    expect(modelUnavailableReason('gpt-4o-mini', everything)).toMatch(/Unknown model "gpt-4o-mini"/);
    expect(modelUnavailableReason('openai/', everything)).toMatch(/Unknown model/);
    expect(modelUnavailableReason('nobody/model', everything)).toMatch(/Unknown model/);
  });

  it('resolves a configured id to a model that streams from the provider', async () => {
    const groq = await startOpenAICompatibleServer({
      apiKey: KEY,
      flavor: 'groq',
      scenario: { text: 'Resolved and reachable.' },
    });
    try {
      const persona = { name: 'Test', greeting: 'Hi', specialties: ['tests'], languages: ['en-US' as const] };
      const env = { GROQ_API_KEY: KEY, GROQ_BASE_URL: groq.url };
      const resolved = resolveModel('groq/llama-3.1-8b-instant', { persona, language: 'en-US' }, env);
      expect(resolved).toMatchObject({ id: 'groq/llama-3.1-8b-instant', isOffline: false });
      expect((await run(resolved.model)).text).toBe('Resolved and reachable.');
      expect(groq.requests[0]!.model).toBe('llama-3.1-8b-instant');
    } finally {
      await groq.close();
    }
  });
});
