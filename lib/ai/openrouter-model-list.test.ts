import { describe, expect, it } from 'vitest';
import { startOpenAICompatibleServer, type FakeProviderServer } from '@/lib/testing/fake-providers';
import { sendJson, startLoopbackServer } from '@/lib/testing/fake-providers/http';
import {
  modelListRequests,
  OPENROUTER_MODELS,
  startBrokenServer,
  type Outage,
  modelListHarness,
} from '@/lib/testing/model-list-servers';
import { liveModels, MODEL_LIST_RETRY_MS, MODEL_LIST_TTL_MS } from './model-lists';

/** The list comes from a loopback server speaking OpenRouter's protocol; nothing leaves 127.0.0.1. */

const KEY = 'test-key-9d2c4e7a1b';
const HOUR = MODEL_LIST_TTL_MS;

/**
 * Stands in front of a fake provider at a base URL of its own, so the URL (and the cache slot) stays
 * the same while the provider fails: passes GET requests through, or answers with `outage`.
 */
async function startFlakyProxy(upstream: FakeProviderServer) {
  let outage: Outage | undefined;
  const proxy = await startLoopbackServer(
    0,
    async (request, res) => {
      if (outage) return outage(res);
      const response = await fetch(`${upstream.origin}${request.path}`);
      sendJson(res, response.status, await response.json());
    },
    () => ({}),
    (res) => sendJson(res, 400, {}),
  );
  const fail = (answer: Outage | undefined) => {
    outage = answer;
  };
  return { ...proxy, url: `${proxy.origin}/v1`, fail };
}

const { now, advance, track, warned } = modelListHarness();

describe('OpenRouter’s live model list', () => {
  const start = (models = OPENROUTER_MODELS) =>
    track(startOpenAICompatibleServer({ apiKey: KEY, flavor: 'openrouter', models }));
  const envFor = (server: { url: string }) => ({ OPENROUTER_API_KEY: KEY, OPENROUTER_BASE_URL: server.url });

  it('maps names, windows, per-million prices and capabilities, from a public request', async () => {
    const server = await start();
    const models = await liveModels(envFor(server), now);
    expect(models).toEqual([
      {
        id: 'openrouter/openai/gpt-4o-mini',
        name: 'OpenAI: GPT-4o-mini (OpenRouter)',
        contextWindow: 128_000,
        capabilities: { vision: true, audio: false, tools: true, reasoning: false },
        pricing: { inputPerMtok: 0.15, outputPerMtok: 0.6 },
      },
      {
        id: 'openrouter/google/gemini-2.5-flash',
        name: 'Google: Gemini 2.5 Flash (OpenRouter)',
        contextWindow: 1_048_576,
        capabilities: { vision: true, audio: true, tools: true, reasoning: true },
        pricing: { inputPerMtok: 0.3, outputPerMtok: 2.5 },
      },
      {
        id: 'openrouter/openrouter/auto',
        name: 'Auto Router (OpenRouter)',
        contextWindow: 2_000_000,
        capabilities: { vision: false, audio: false, tools: true, reasoning: false },
        pricing: null,
      },
      {
        id: 'openrouter/meta-llama/llama-3.3-70b-instruct:free',
        name: 'Meta: Llama 3.3 70B Instruct (free) (OpenRouter)',
        contextWindow: 65_536,
        capabilities: { vision: false, audio: false, tools: false, reasoning: false },
        pricing: { inputPerMtok: 0, outputPerMtok: 0 },
      },
    ]);
    const [request] = modelListRequests(server);
    expect(request).toMatchObject({ path: '/v1/models' });
    expect(request!.headers.authorization).toBeUndefined();
  });

  it('is cached for an hour, then fetched again', async () => {
    const listed = [...OPENROUTER_MODELS];
    const server = await start(listed);
    const env = envFor(server);
    const first = await liveModels(env, now);
    listed.push({ id: 'mistralai/mistral-small-3.2-24b-instruct', name: 'Mistral: Mistral Small 3.2 24B' });

    advance(HOUR - 1);
    expect(await liveModels(env, now)).toEqual(first);
    expect(modelListRequests(server)).toHaveLength(1);

    advance(1);
    const refreshed = await liveModels(env, now);
    expect(modelListRequests(server)).toHaveLength(2);
    expect(refreshed.map((model) => model.id)).toEqual([
      ...first.map((model) => model.id),
      'openrouter/mistralai/mistral-small-3.2-24b-instruct',
    ]);
    expect(warned()).not.toHaveBeenCalled();
  });

  it('makes one request for callers that arrive while it is being fetched', async () => {
    const server = await start();
    const env = envFor(server);
    const lists = await Promise.all([liveModels(env, now), liveModels(env, now), liveModels(env, now)]);
    expect(modelListRequests(server)).toHaveLength(1);
    expect(lists[0]).toHaveLength(OPENROUTER_MODELS.length);
    expect(lists[1]).toEqual(lists[0]);
    expect(lists[2]).toEqual(lists[0]);
  });

  it('keeps a cache per base URL', async () => {
    const [one, other] = await Promise.all([
      start(OPENROUTER_MODELS.slice(0, 1)),
      start(OPENROUTER_MODELS.slice(1, 2)),
    ]);
    expect((await liveModels(envFor(one), now)).map((model) => model.id)).toEqual(['openrouter/openai/gpt-4o-mini']);
    expect((await liveModels(envFor(other), now)).map((model) => model.id)).toEqual([
      'openrouter/google/gemini-2.5-flash',
    ]);
    expect(modelListRequests(one)).toHaveLength(1);
    expect(modelListRequests(other)).toHaveLength(1);
  });

  const failures: [string, Outage, string][] = [
    [
      'answers 500',
      (res) => sendJson(res, 500, { error: { message: 'Internal Server Error', code: 500 } }),
      'HTTP 500',
    ],
    [
      'answers a page that is not JSON',
      (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Bad gateway</html>'),
      'unexpected response',
    ],
    [
      'answers JSON that is not a model list',
      (res) => sendJson(res, 200, { data: [{ name: 'no id' }] }),
      'unexpected response',
    ],
    ['drops the connection', (res) => res.socket?.destroy(), 'unreachable'],
  ];

  it.each(failures)('keeps the last good list when the refresh fails: the server %s', async (_case, outage, reason) => {
    const proxy = await track(startFlakyProxy(await start()));
    const env = envFor(proxy);
    const good = await liveModels(env, now);
    expect(good).toHaveLength(OPENROUTER_MODELS.length);

    proxy.fail(outage);
    advance(HOUR);
    expect(await liveModels(env, now)).toEqual(good);
    expect(proxy.requests).toHaveLength(2);
    expect(warned()).toHaveBeenCalledExactlyOnceWith(
      `[models] could not refresh the OpenRouter model list (${reason}); keeping the last good list (${good.length} models)`,
    );
  });

  it('keeps the last good list when the server is gone', async () => {
    const server = await start();
    const env = envFor(server);
    const good = await liveModels(env, now);
    await server.close();
    advance(HOUR);
    expect(await liveModels(env, now)).toEqual(good);
    expect(warned()).toHaveBeenCalledExactlyOnceWith(
      `[models] could not refresh the OpenRouter model list (unreachable); keeping the last good list (${good.length} models)`,
    );
  });

  it('after a failed refresh, waits a minute before trying again, then takes the next good list', async () => {
    const listed = [...OPENROUTER_MODELS];
    const proxy = await track(startFlakyProxy(await start(listed)));
    const env = envFor(proxy);
    await liveModels(env, now);
    proxy.fail((res) => sendJson(res, 503, { error: { message: 'Service Unavailable', code: 503 } }));

    advance(HOUR);
    await liveModels(env, now);
    advance(MODEL_LIST_RETRY_MS - 1);
    await liveModels(env, now);
    expect(proxy.requests).toHaveLength(2);

    advance(1);
    await liveModels(env, now);
    expect(proxy.requests).toHaveLength(3);
    expect(warned()).toHaveBeenCalledTimes(2);

    proxy.fail(undefined);
    listed.splice(1);
    advance(MODEL_LIST_RETRY_MS);
    expect((await liveModels(env, now)).map((model) => model.id)).toEqual(['openrouter/openai/gpt-4o-mini']);
    expect(proxy.requests).toHaveLength(4);
    advance(HOUR - 1);
    await liveModels(env, now);
    expect(proxy.requests).toHaveLength(4);
  });

  it('gives nothing when the first fetch fails, and logs it', async () => {
    const broken = await track(
      startBrokenServer((res) => sendJson(res, 500, { error: { message: 'Internal Server Error', code: 500 } })),
    );
    expect(await liveModels({ OPENROUTER_API_KEY: KEY, OPENROUTER_BASE_URL: `${broken.origin}/v1` }, now)).toEqual([]);
    expect(warned()).toHaveBeenCalledExactlyOnceWith(
      '[models] could not refresh the OpenRouter model list (HTTP 500); no list yet',
    );
  });
});
