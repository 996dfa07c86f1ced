import type { ServerResponse } from 'node:http';
import { openEventStream, playScenario, sendJson, startLoopbackServer, type FakeProviderServer } from './http.ts';
import { answerLiveToken } from './realtime.ts';
import { answerGeminiSpeech, isGeminiSpeechRequest } from './speech.ts';
import {
  createScript,
  describeOutcome,
  type RecordedRequest,
  type ResolvedScenario,
  type ScenarioSource,
} from './scenario.ts';

/**
 * A loopback server speaking the Gemini API (generativelanguage.googleapis.com/v1beta):
 *   POST {base}/models/{model}:streamGenerateContent?alt=sse  SSE events ("\r\n\r\n"-separated), the
 *        last text chunk carrying finishReason STOP and the full usageMetadata; no [DONE]
 *   POST {base}/models/{model}:generateContent                one JSON response
 *   GET  {base}/models                                        {models: [{name: 'models/...', ...}]}
 *   generateContent with responseModalities ["AUDIO"]         text to speech (see speech.ts)
 *   POST /v1alpha/auth_tokens                                 a Gemini Live ephemeral token (realtime.ts)
 * The key is read from x-goog-api-key (or ?key=). Errors read {error: {code, message, status}}.
 * A 429 carries a RetryInfo detail; a retry-after header only when the scenario sets
 * retryAfterSeconds (the real API sends none).
 */
export type GeminiServerOptions = {
  /** 0 (default) picks a free port. */
  port?: number;
  /** The path the base URL ends with (default /v1beta). */
  basePath?: string;
  /** The key expected in x-goog-api-key (default test-key); null accepts any request. */
  apiKey?: string | null;
  scenario?: ScenarioSource;
  /** Model ids listed by GET {base}/models. */
  models?: string[];
  log?: (line: string) => void;
  /** Milliseconds before every text-to-speech answer (a TTS provider's latency, for benchmarks). */
  speechDelayMs?: number;
};

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const MESSAGES: Record<number, string> = {
  401: 'API key not valid. Please pass a valid API key.',
  429: 'Resource has been exhausted (e.g. check quota).',
  500: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  503: 'The model is overloaded. Please try again later.',
};

export async function startGeminiServer(options: GeminiServerOptions = {}): Promise<FakeProviderServer> {
  const { basePath = '/v1beta', apiKey = 'test-key', models = ['gemini-2.5-flash'], log } = options;
  const script = createScript(options.scenario);
  let sequence = 0;

  const handle = async (request: RecordedRequest, res: ServerResponse): Promise<void> => {
    const liveToken = request.method === 'POST' && request.path === '/v1alpha/auth_tokens';
    const route = request.path.startsWith(`${basePath}/`) ? request.path.slice(basePath.length) : undefined;
    if (route === undefined && !liveToken)
      return sendError(res, 404, `Unknown request URL: ${request.method} ${request.path}.`);
    if (apiKey !== null && (request.headers['x-goog-api-key'] ?? request.query.key) !== apiKey) {
      log?.(`${request.method} ${request.path} -> 401 (wrong or missing key)`);
      return sendError(res, 401);
    }
    if (liveToken) return answerLiveToken(request, res, (status, message) => sendError(res, status, message));
    if (route === undefined) return;
    if (request.method === 'GET' && route === '/models') {
      return sendJson(res, 200, {
        models: models.map((id) => ({
          name: `models/${id}`,
          version: '001',
          displayName: id,
          inputTokenLimit: 1_048_576,
          outputTokenLimit: 65_536,
          supportedGenerationMethods: ['generateContent', 'countTokens'],
        })),
      });
    }
    const method = /:(streamGenerateContent|generateContent)$/.exec(route)?.[1];
    if (request.method !== 'POST' || !method)
      return sendError(res, 404, `Unknown request URL: ${request.method} ${request.path}.`);
    if (!Array.isArray((request.body as { contents?: unknown } | undefined)?.contents)) {
      return sendError(res, 400, '* GenerateContentRequest.contents: contents is not specified');
    }
    if (method === 'generateContent' && isGeminiSpeechRequest(request.body)) {
      return answerGeminiSpeech(request, res, (status, message) => sendError(res, status, message), {
        delayMs: options.speechDelayMs,
        log,
      });
    }
    const streaming = method === 'streamGenerateContent';
    if (streaming && request.query.alt !== 'sse') return sendError(res, 400, 'This fake only streams with alt=sse.');

    const scenario = script.next(request);
    log?.(`POST ${request.path} -> ${describeOutcome(scenario)}`);
    if (scenario.error)
      return sendError(res, scenario.error.status, scenario.error.message, scenario.error.retryAfterSeconds);
    const responseId = `fake-gemini-${++sequence}`;
    const event = (text: string, last: boolean) => ({
      candidates: [
        { content: { parts: [{ text }], role: 'model' }, ...(last ? { finishReason: 'STOP' } : {}), index: 0 },
      ],
      usageMetadata: usageMetadata(scenario, last),
      modelVersion: request.model,
      responseId,
    });
    if (!streaming) return generateContent(res, scenario, event(scenario.chunks.join(''), true));

    const lastIndex = scenario.chunks.length - 1;
    await playScenario(
      openEventStream(res, '\r\n\r\n'),
      scenario,
      (text, index) => [JSON.stringify(event(text, index === lastIndex))],
      () => (lastIndex < 0 ? [JSON.stringify(event('', true))] : []),
    );
  };

  const server = await startLoopbackServer(options.port ?? 0, handle, describeRequest, (res) =>
    sendError(res, 400, 'Invalid JSON payload received.'),
  );
  return { ...server, url: `${server.origin}${basePath}`, queue: script.queue, setScenario: script.setScenario };
}

function describeRequest(request: RecordedRequest): Pick<RecordedRequest, 'model' | 'lastUserText'> {
  const target = /^\/[^/]+\/(.+):(?:streamGenerateContent|generateContent)$/.exec(request.path)?.[1];
  const body = request.body as { contents?: { role?: string; parts?: { text?: string }[] }[] } | undefined;
  const contents = Array.isArray(body?.contents) ? body.contents : [];
  const parts = contents.findLast((content) => content?.role === 'user')?.parts;
  return {
    model: target?.replace(/^models\//, ''),
    lastUserText: Array.isArray(parts) ? parts.map((part) => part?.text ?? '').join('') : undefined,
  };
}

function usageMetadata({ inputTokens, outputTokens }: ResolvedScenario, last: boolean) {
  const prompt = {
    promptTokenCount: inputTokens,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: inputTokens }],
  };
  return last
    ? { ...prompt, candidatesTokenCount: outputTokens, totalTokenCount: inputTokens + outputTokens }
    : { ...prompt, totalTokenCount: inputTokens };
}

async function generateContent(res: ServerResponse, scenario: ResolvedScenario, body: object): Promise<void> {
  if (scenario.stall) return void (await new Promise((resolve) => res.once('close', resolve)));
  await new Promise((resolve) => setTimeout(resolve, scenario.firstTokenDelayMs));
  if (scenario.dropAfterChunks !== undefined) return void res.socket?.destroy();
  sendJson(res, 200, body);
}

function sendError(res: ServerResponse, status: number, message?: string, retryAfterSeconds?: number): void {
  const details =
    status === 429
      ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfterSeconds ?? 1}s` }]
      : undefined;
  sendJson(
    res,
    status,
    {
      error: {
        code: status,
        message: message ?? MESSAGES[status] ?? `Request failed with status ${status}.`,
        status: STATUS_NAMES[status] ?? 'UNKNOWN',
        ...(details ? { details } : {}),
      },
    },
    retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
  );
}
