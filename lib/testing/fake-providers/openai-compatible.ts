import type { ServerResponse } from 'node:http';
import {
  maskKey,
  openEventStream,
  playScenario,
  sendJson,
  startLoopbackServer,
  type FakeProviderServer,
} from './http.ts';
import {
  createScript,
  describeOutcome,
  type RecordedRequest,
  type ResolvedScenario,
  type ScenarioSource,
} from './scenario.ts';
import { answerImageGeneration } from './images.ts';
import { answerRealtimeSecret } from './realtime.ts';
import { answerOpenAISpeech } from './speech.ts';
import { answerTranscription } from './transcription.ts';

/**
 * A loopback server speaking OpenAI's chat completions protocol, as OpenAI, Groq, OpenRouter and
 * local servers (Ollama, LM Studio, llama.cpp, vLLM) do:
 *   POST {base}/chat/completions  streamed (SSE, ending in `data: [DONE]`) or plain JSON
 *   GET  {base}/models            the flavor's model list: OpenAI's {object: 'list', data: [{id, owned_by}]};
 *                                 Groq adds context_window and active; OpenRouter's is {data: [{id, name,
 *                                 context_length, pricing, architecture, supported_parameters}]}
 *   GET  /api/tags                Ollama's model list, {models: [{name, model, size, details}]}
 *   POST {base}/embeddings        {input: string | string[]} -> {data: [{embedding}]}: a hashed bag of
 *                                 words, so texts sharing words are near each other
 *   POST {base}/audio/speech      text to speech: playable audio of the input (see speech.ts)
 *   POST {base}/realtime/client_secrets  an ephemeral Realtime secret for the session asked for (realtime.ts)
 *
 * The flavor decides where usage goes, as each provider does it:
 *   openai      a last chunk with `usage` and no choices, only when stream_options.include_usage asks
 *   groq        `x_groq.usage` on the chunk carrying finish_reason
 *   openrouter  always a usage chunk; an ": OPENROUTER PROCESSING" comment first; /models is public
 *   any         per request: a usage chunk when asked for, else x_groq (one server for every client)
 */
export type OpenAIFlavor = 'openai' | 'groq' | 'openrouter' | 'any';

export type ListedModel = {
  id: string;
  name?: string;
  /** OpenRouter's context_length and Groq's context_window (default 32,768). */
  context_length?: number;
  /** US dollars per token as decimal strings, as OpenRouter lists them ("-1" for a variable price). */
  pricing?: { prompt: string; completion: string };
  /** OpenRouter's architecture.input_modalities (default ['text']). */
  input_modalities?: string[];
  /** OpenRouter's supported_parameters (default: sampling parameters and tools). */
  supported_parameters?: string[];
  /** owned_by in OpenAI-style lists: Ollama says 'library', Groq the maker (default 'fake'). */
  owned_by?: string;
};

export type OpenAICompatibleServerOptions = {
  /** 0 (default) picks a free port. */
  port?: number;
  /** The path the base URL ends with (default /v1). */
  basePath?: string;
  /** The key expected as `Authorization: Bearer ...` (default test-key); null accepts any request. */
  apiKey?: string | null;
  flavor?: OpenAIFlavor;
  scenario?: ScenarioSource;
  models?: ListedModel[];
  /** Called with one line per request, for the dev script. */
  log?: (line: string) => void;
  /** Milliseconds before every /audio/speech answer (a TTS provider's latency, for benchmarks). */
  speechDelayMs?: number;
  /** Milliseconds before every /audio/transcriptions answer (a speech-to-text provider's latency, for benchmarks). */
  transcriptionDelayMs?: number;
};

const DEFAULT_MODELS: ListedModel[] = [
  { id: 'fake-chat', name: 'Fake chat model', context_length: 32_768, pricing: { prompt: '0', completion: '0' } },
];

export async function startOpenAICompatibleServer(
  options: OpenAICompatibleServerOptions = {},
): Promise<FakeProviderServer> {
  const { basePath = '/v1', apiKey = 'test-key', flavor = 'openai', models = DEFAULT_MODELS, log } = options;
  const script = createScript(options.scenario);
  let sequence = 0;

  const handle = async (request: RecordedRequest, res: ServerResponse): Promise<void> => {
    const route = request.path.startsWith(`${basePath}/`) ? request.path.slice(basePath.length) : undefined;
    if (request.method === 'GET' && request.path === '/api/tags') return sendJson(res, 200, ollamaTags(models));
    const publicRoute = flavor === 'openrouter' && route === '/models';
    if (route !== undefined && !publicRoute && apiKey !== null) {
      const given = /^Bearer (.*)$/.exec(request.headers.authorization ?? '')?.[1];
      if (given !== apiKey) {
        log?.(`${request.method} ${request.path} -> 401 (wrong or missing key)`);
        return sendError(res, flavor, 401, { rejectedKey: given ?? null });
      }
    }
    if (request.method === 'GET' && route === '/models') return sendJson(res, 200, modelList(flavor, models));
    if (request.method === 'POST' && route === '/embeddings') return sendJson(res, 200, embeddings(request.body));
    if (request.method === 'POST' && route === '/audio/transcriptions') {
      if (options.transcriptionDelayMs)
        await new Promise((resolve) => setTimeout(resolve, options.transcriptionDelayMs));
      return answerTranscription(request, res, flavor);
    }
    if (request.method === 'POST' && route === '/realtime/client_secrets') {
      return answerRealtimeSecret(request, res, (status, message) => sendError(res, flavor, status, { message }));
    }
    if (request.method === 'POST' && route === '/audio/speech') {
      return answerOpenAISpeech(request, res, (status, message) => sendError(res, flavor, status, { message }), {
        delayMs: options.speechDelayMs,
        log,
      });
    }
    if (request.method === 'POST' && route === '/images/generations') return answerImageGeneration(request, res);
    if (request.method !== 'POST' || route !== '/chat/completions') {
      return sendError(res, flavor, 404, { message: `Unknown request URL: ${request.method} ${request.path}.` });
    }
    const body = request.body as {
      model?: unknown;
      messages?: unknown;
      stream?: unknown;
      stream_options?: { include_usage?: unknown };
    };
    if (typeof request.model !== 'string' || !Array.isArray(body?.messages)) {
      return sendError(res, flavor, 400, { message: 'You must provide a model parameter and a messages array.' });
    }
    const scenario = script.next(request);
    const id = `chatcmpl-fake-${++sequence}`;
    log?.(`POST ${request.path} model=${request.model} -> ${describeOutcome(scenario)}`);
    if (scenario.error) {
      return sendError(res, flavor, scenario.error.status, scenario.error);
    }
    if (body.stream !== true) return completion(res, scenario, id, request.model);

    const includeUsage = body.stream_options?.include_usage === true;
    const usageChunk = flavor === 'openrouter' || ((flavor === 'openai' || flavor === 'any') && includeUsage);
    const xGroq = flavor === 'groq' || (flavor === 'any' && !includeUsage);
    const base = {
      id,
      object: 'chat.completion.chunk',
      created: nowSeconds(),
      model: request.model,
      system_fingerprint: 'fp_fake',
    };
    const extra = (last: boolean) => ({
      ...(flavor === 'openai' && includeUsage ? { usage: null } : {}),
      ...(xGroq ? { x_groq: { id: `req_fake_${sequence}`, ...(last ? { usage: groqUsage(scenario) } : {}) } } : {}),
    });
    const choice = (delta: object, finishReason: string | null = null) => [
      { index: 0, delta, logprobs: null, finish_reason: finishReason },
    ];

    const stream = openEventStream(res);
    if (flavor === 'openrouter') await stream.comment('OPENROUTER PROCESSING');
    await playScenario(
      stream,
      scenario,
      (text, index) => [
        ...(index === 0
          ? [JSON.stringify({ ...base, choices: choice({ role: 'assistant', content: '' }), ...extra(false) })]
          : []),
        JSON.stringify({
          ...base,
          choices: choice({ content: text }),
          ...(flavor === 'openai' && includeUsage ? { usage: null } : {}),
        }),
      ],
      () => [
        JSON.stringify({ ...base, choices: choice({}, 'stop'), ...extra(true) }),
        ...(usageChunk ? [JSON.stringify({ ...base, choices: [], usage: openaiUsage(scenario) })] : []),
        '[DONE]',
      ],
    );
  };

  const server = await startLoopbackServer(options.port ?? 0, handle, describeRequest, (res) =>
    sendError(res, flavor, 400, { message: 'We could not parse the JSON body of your request.' }),
  );
  return { ...server, url: `${server.origin}${basePath}`, queue: script.queue, setScenario: script.setScenario };
}

const EMBEDDING_DIMENSIONS = 64;

function embeddings(body: unknown) {
  const input = (body as { input?: unknown; model?: unknown } | undefined)?.input;
  const texts = (Array.isArray(input) ? input : [input]).map((text) => String(text ?? ''));
  return {
    object: 'list',
    data: texts.map((text, index) => ({ object: 'embedding', index, embedding: bagOfWords(text) })),
    model: String((body as { model?: unknown }).model ?? 'fake-embedding'),
    usage: { prompt_tokens: texts.join(' ').length, total_tokens: texts.join(' ').length },
  };
}

function bagOfWords(text: string): number[] {
  const vector = new Array<number>(EMBEDDING_DIMENSIONS).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    let h = 0;
    for (const c of word) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
    vector[h % EMBEDDING_DIMENSIONS]! += 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((v) => v / norm);
}

function describeRequest(request: RecordedRequest): Pick<RecordedRequest, 'model' | 'lastUserText'> {
  const body = request.body as { model?: unknown; messages?: { role?: string; content?: unknown }[] } | undefined;
  const messages = Array.isArray(body?.messages) ? body.messages : [];
  const content = messages.findLast((message) => message?.role === 'user')?.content;
  const lastUserText =
    typeof content === 'string'
      ? content
      : Array.isArray(content)
        ? content
            .map((part: { type?: string; text?: string }) => (part?.type === 'text' ? (part.text ?? '') : ''))
            .join('')
        : undefined;
  return { model: typeof body?.model === 'string' ? body.model : undefined, lastUserText };
}

async function completion(res: ServerResponse, scenario: ResolvedScenario, id: string, model: string): Promise<void> {
  if (scenario.stall) return void (await new Promise((resolve) => res.once('close', resolve)));
  await new Promise((resolve) => setTimeout(resolve, scenario.firstTokenDelayMs));
  if (scenario.dropAfterChunks !== undefined) return void res.socket?.destroy();
  sendJson(res, 200, {
    id,
    object: 'chat.completion',
    created: nowSeconds(),
    model,
    system_fingerprint: 'fp_fake',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: scenario.chunks.join('') },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: openaiUsage(scenario),
  });
}

function openaiUsage({ inputTokens, outputTokens }: ResolvedScenario) {
  return {
    prompt_tokens: inputTokens,
    completion_tokens: outputTokens,
    total_tokens: inputTokens + outputTokens,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0 },
  };
}

function groqUsage({ inputTokens, outputTokens }: ResolvedScenario) {
  return {
    queue_time: 0.01,
    prompt_tokens: inputTokens,
    prompt_time: 0.002,
    completion_tokens: outputTokens,
    completion_time: 0.02,
    total_tokens: inputTokens + outputTokens,
    total_time: 0.022,
  };
}

type ErrorDetails = {
  message?: string;
  retryAfterSeconds?: number;
  /** The key a 401 refuses; null when none was sent. */ rejectedKey?: string | null;
};

function sendError(res: ServerResponse, flavor: OpenAIFlavor, status: number, details: ErrorDetails = {}): void {
  const { message, retryAfterSeconds, rejectedKey } = details;
  const known = errorDefaults(flavor, status, rejectedKey);
  const text = message ?? known.message;
  const body =
    flavor === 'openrouter'
      ? { error: { message: text, code: status } }
      : { error: { message: text, type: known.type, param: null, code: known.code } };
  const retryAfter = retryAfterSeconds ?? (status === 429 ? 1 : undefined);
  sendJson(res, status, body, retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) });
}

function errorDefaults(
  flavor: OpenAIFlavor,
  status: number,
  rejectedKey?: string | null,
): { message: string; type: string; code: string | null } {
  if (status === 401) {
    const message =
      flavor === 'groq'
        ? 'Invalid API Key'
        : flavor === 'openrouter'
          ? rejectedKey
            ? 'User not found.'
            : 'No auth credentials found'
          : !rejectedKey
            ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
            : `Incorrect API key provided: ${maskKey(rejectedKey)}. You can find your API key at https://platform.openai.com/account/api-keys.`;
    return { message, type: 'invalid_request_error', code: 'invalid_api_key' };
  }
  if (status === 429)
    return {
      message: 'Rate limit reached for requests. Please try again in 1s.',
      type: 'requests',
      code: 'rate_limit_exceeded',
    };
  if (status >= 500)
    return {
      message: 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
      code: null,
    };
  return { message: `Request failed with status ${status}.`, type: 'invalid_request_error', code: null };
}

const DEFAULT_CONTEXT_LENGTH = 32_768;
const DEFAULT_SUPPORTED_PARAMETERS = ['max_tokens', 'temperature', 'top_p', 'stop', 'tools', 'tool_choice'];

/** GET {base}/models in the flavor's shape; `any` merges every flavor's fields, one server for every client. */
function modelList(flavor: OpenAIFlavor, models: ListedModel[]) {
  const entry = (model: ListedModel) =>
    flavor === 'openrouter'
      ? openRouterModel(model)
      : flavor === 'groq'
        ? { ...openaiModel(model), ...groqFields(model) }
        : flavor === 'any'
          ? { ...openRouterModel(model), ...openaiModel(model), ...groqFields(model) }
          : openaiModel(model);
  const data = models.map(entry);
  return flavor === 'openrouter' ? { data } : { object: 'list', data };
}

function openaiModel(model: ListedModel) {
  return { id: model.id, object: 'model', created: 1_700_000_000, owned_by: model.owned_by ?? 'fake' };
}

function groqFields(model: ListedModel) {
  return {
    active: true,
    context_window: model.context_length ?? DEFAULT_CONTEXT_LENGTH,
    public_apps: null,
    max_completion_tokens: 8_192,
  };
}

function openRouterModel(model: ListedModel) {
  const contextLength = model.context_length ?? DEFAULT_CONTEXT_LENGTH;
  const inputModalities = model.input_modalities ?? ['text'];
  return {
    id: model.id,
    canonical_slug: model.id,
    hugging_face_id: null,
    name: model.name ?? model.id,
    created: 1_700_000_000,
    description: `${model.name ?? model.id}, as listed by the fake provider.`,
    context_length: contextLength,
    architecture: {
      modality: `${inputModalities.join('+')}->text`,
      input_modalities: inputModalities,
      output_modalities: ['text'],
      tokenizer: 'Other',
      instruct_type: null,
    },
    pricing: {
      ...(model.pricing ?? { prompt: '0', completion: '0' }),
      request: '0',
      image: '0',
      web_search: '0',
      internal_reasoning: '0',
    },
    top_provider: { context_length: contextLength, max_completion_tokens: 8_192, is_moderated: false },
    per_request_limits: null,
    supported_parameters: model.supported_parameters ?? DEFAULT_SUPPORTED_PARAMETERS,
  };
}

function ollamaTags(models: ListedModel[]) {
  return {
    models: models.map((model) => ({
      name: model.id,
      model: model.id,
      modified_at: '2025-01-01T00:00:00Z',
      size: 2_019_393_189,
      digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
      details: {
        parent_model: '',
        format: 'gguf',
        family: 'llama',
        families: ['llama'],
        parameter_size: '3.2B',
        quantization_level: 'Q4_K_M',
      },
    })),
  };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
