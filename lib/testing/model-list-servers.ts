import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, vi, type MockInstance } from 'vitest';
import { resetLiveModelCache } from '@/lib/ai/model-lists';
import type { ListedModel, RecordedRequest } from '@/lib/testing/fake-providers';
import { startLoopbackServer, type LoopbackServer } from '@/lib/testing/fake-providers/http';

/** For lib/ai's model-list tests: what a fake OpenRouter lists, the requests for a list, and a provider that fails. */

export const OPENROUTER_MODELS: ListedModel[] = [
  {
    id: 'openai/gpt-4o-mini',
    name: 'OpenAI: GPT-4o-mini',
    context_length: 128_000,
    pricing: { prompt: '0.00000015', completion: '0.0000006' },
    input_modalities: ['text', 'image', 'file'],
    supported_parameters: ['max_tokens', 'temperature', 'tools', 'tool_choice'],
  },
  {
    id: 'google/gemini-2.5-flash',
    name: 'Google: Gemini 2.5 Flash',
    context_length: 1_048_576,
    pricing: { prompt: '0.0000003', completion: '0.0000025' },
    input_modalities: ['text', 'image', 'file', 'audio', 'video'],
    supported_parameters: ['max_tokens', 'tools', 'reasoning', 'include_reasoning'],
  },
  {
    id: 'openrouter/auto',
    name: 'Auto Router',
    context_length: 2_000_000,
    pricing: { prompt: '-1', completion: '-1' },
  },
  {
    id: 'meta-llama/llama-3.3-70b-instruct:free',
    name: 'Meta: Llama 3.3 70B Instruct (free)',
    context_length: 65_536,
    pricing: { prompt: '0', completion: '0' },
    supported_parameters: ['max_tokens', 'temperature'],
  },
];

export const modelListRequests = (server: { requests: RecordedRequest[] }) =>
  server.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/models'));

export type Outage = (res: ServerResponse) => void;

/** A loopback server that answers every request with `answer`, as a provider having a bad day does. */
export function startBrokenServer(answer: Outage): Promise<LoopbackServer> {
  return startLoopbackServer(
    0,
    async (_request, res) => answer(res),
    () => ({}),
    answer,
  );
}

/**
 * What each model-list test starts from: an empty list cache, a clock at a fixed hour that only
 * `advance` moves, console.warn caught; the servers it `track`s are closed after it.
 */
export function modelListHarness() {
  let clock = 0;
  let warn: MockInstance<typeof console.warn> | undefined;
  const servers: { close: () => Promise<void> }[] = [];
  beforeEach(() => {
    resetLiveModelCache();
    clock = Date.parse('2026-01-01T09:00:00Z');
    warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return {
    now: () => clock,
    advance: (ms: number) => void (clock += ms),
    warned: () => warn!,
    track: async <T extends { close: () => Promise<void> }>(server: Promise<T>): Promise<T> => {
      servers.push(await server);
      return servers.at(-1) as T;
    },
  };
}
