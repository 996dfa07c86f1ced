import type { ServerResponse } from 'node:http';
import { sendJson, startLoopbackServer, type LoopbackServer } from './http.ts';
import { wavOf } from '../../voice/wav.ts';
import type { RecordedRequest } from './scenario.ts';

/**
 * Text to speech as the three providers speak it, answering REAL playable audio: a voice-like
 * tone made in code, one short "syllable" per letter and silence for spaces and punctuation, so
 * its length follows the text (SPEECH_MS_PER_CHAR) and its loudness moves like speech (the call
 * screen's portrait has something to follow). Markers in the text switch on error paths:
 * "[fail:500]" (any status) answers that error in the provider's format, "[slow]" waits
 * SLOW_SPEECH_MS first. `delayMs` delays every answer (benchmarks: a provider's fixed latency).
 *
 *   OpenAI      POST {base}/audio/speech  (on the OpenAI-compatible server) {model, input, voice,
 *               response_format?, instructions?, speed?} -> audio bytes
 *   ElevenLabs  POST /v1/text-to-speech/{voice_id}[/stream]?output_format=...  xi-api-key,
 *               {text, model_id, language_code?, voice_settings?} -> audio bytes (chunked for /stream)
 *   Gemini      POST {base}/models/{model}:generateContent (on the Gemini server) with
 *               generationConfig.responseModalities ["AUDIO"] -> base64 24 kHz 16-bit PCM in inlineData
 *
 * The fakes answer WAV when asked for a file (OpenAI and ElevenLabs would send mp3 when asked):
 * browsers and the AI SDK read the container from the bytes. Asked for raw samples (OpenAI's
 * response_format pcm, ElevenLabs' output_format pcm_24000), they send raw 24 kHz 16-bit PCM with
 * no header, as the providers do.
 */
export const SPEECH_MS_PER_CHAR = 55;
export const SLOW_SPEECH_MS = 3_000;
const MAX_SECONDS = 30;
const WAV_SAMPLE_RATE = 16_000;
export const GEMINI_SAMPLE_RATE = 24_000;

export type SpeechFakeOptions = { delayMs?: number; log?: (line: string) => void };

/** Mono 16-bit PCM of the text "spoken" as a tone: letters voiced, spaces and punctuation silent. */
export function speechPcm(text: string, sampleRate: number): Buffer {
  const chars = [...text].slice(0, Math.floor((MAX_SECONDS * 1000) / SPEECH_MS_PER_CHAR));
  const perChar = Math.round((sampleRate * SPEECH_MS_PER_CHAR) / 1000);
  const pcm = Buffer.alloc(chars.length * perChar * 2);
  let phase = 0;
  chars.forEach((char, index) => {
    const voiced = /[\p{L}\p{N}]/u.test(char);
    // Each letter its own pitch around 190 Hz, so it sounds like a murmur rather than a beep.
    const pitch = 150 + ((char.codePointAt(0) ?? 0) % 9) * 10;
    for (let i = 0; i < perChar; i++) {
      const sample = index * perChar + i;
      // A syllable's rise and fall within the letter; silence between words.
      const envelope = voiced ? Math.sin((Math.PI * i) / perChar) ** 2 : 0;
      phase += (2 * Math.PI * pitch) / sampleRate;
      const wave = Math.sin(phase) * 0.6 + Math.sin(2 * phase) * 0.25 + Math.sin(3 * phase) * 0.15;
      pcm.writeInt16LE(Math.round(wave * envelope * 0.35 * 32767), sample * 2);
    }
  });
  return pcm;
}

export function speechWav(text: string): Buffer {
  return wavOf(speechPcm(text, WAV_SAMPLE_RATE), WAV_SAMPLE_RATE);
}

/** What the text's markers ask for: an error status, or a wait before answering. */
export function speechMarker(text: string): { status?: number; waitMs: number } {
  const fail = /\[fail:(\d{3})\]/i.exec(text);
  if (fail) return { status: Number(fail[1]), waitMs: 0 };
  return { waitMs: /\[slow\]/i.test(text) ? SLOW_SPEECH_MS : 0 };
}

const wait = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

export const OPENAI_VOICES = [
  'alloy',
  'ash',
  'ballad',
  'coral',
  'echo',
  'fable',
  'nova',
  'onyx',
  'sage',
  'shimmer',
  'verse',
  'marin',
  'cedar',
];
const OPENAI_FORMATS = ['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'];

/**
 * POST {base}/audio/speech, as OpenAI checks it: model, input (at most 4096 characters) and one of
 * its voices are required. Errors are sent with `sendError(status, message)` in OpenAI's format.
 */
export async function answerOpenAISpeech(
  request: RecordedRequest,
  res: ServerResponse,
  sendError: (status: number, message?: string) => void,
  options: SpeechFakeOptions,
): Promise<void> {
  const body = (request.body ?? {}) as { model?: unknown; input?: unknown; voice?: unknown; response_format?: unknown };
  if (typeof body.model !== 'string' || !body.model) return sendError(400, "Missing required parameter: 'model'.");
  if (typeof body.input !== 'string' || !body.input) return sendError(400, "Missing required parameter: 'input'.");
  if (body.input.length > 4096)
    return sendError(400, "Invalid 'input': string too long. Expected a string with maximum length 4096.");
  if (typeof body.voice !== 'string' || !OPENAI_VOICES.includes(body.voice)) {
    return sendError(
      400,
      `Invalid value for 'voice': '${String(body.voice)}'. Supported values are: ${OPENAI_VOICES.map((voice) => `'${voice}'`).join(', ')}.`,
    );
  }
  if (body.response_format !== undefined && !OPENAI_FORMATS.includes(String(body.response_format))) {
    return sendError(400, `Invalid value for 'response_format': '${String(body.response_format)}'.`);
  }
  request.model = body.model;
  request.lastUserText = body.input;
  const marker = speechMarker(body.input);
  options.log?.(`POST ${request.path} model=${body.model} voice=${body.voice} -> ${marker.status ?? 200}`);
  await wait((options.delayMs ?? 0) + marker.waitMs);
  if (marker.status) return sendError(marker.status);
  if (body.response_format === 'pcm') return sendRaw(res, speechPcm(body.input, RAW_SAMPLE_RATE));
  sendAudio(res, speechWav(body.input));
}

/** The rate of the providers' raw PCM (OpenAI's pcm, ElevenLabs' pcm_24000). */
const RAW_SAMPLE_RATE = 24_000;

function sendRaw(res: ServerResponse, pcm: Buffer) {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(pcm.length) });
  res.end(pcm);
}

function sendAudio(res: ServerResponse, audio: Buffer, chunked = false) {
  res.writeHead(200, {
    'content-type': 'audio/wav',
    ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(audio.length) }),
  });
  if (!chunked) return void res.end(audio);
  // Streamed as ElevenLabs does it: the file in pieces as they are made.
  for (let offset = 0; offset < audio.length; offset += 8192) res.write(audio.subarray(offset, offset + 8192));
  res.end();
}

export const ELEVENLABS_LANGUAGE_MODELS = ['eleven_flash_v2_5', 'eleven_turbo_v2_5'];
const ELEVENLABS_MODELS = [
  'eleven_v3',
  'eleven_multilingual_v2',
  'eleven_flash_v2',
  'eleven_turbo_v2',
  'eleven_monolingual_v1',
  'eleven_multilingual_v1',
  ...ELEVENLABS_LANGUAGE_MODELS,
];

export type ElevenLabsServerOptions = SpeechFakeOptions & {
  /** 0 (default) picks a free port. */
  port?: number;
  /** The key expected in xi-api-key (default test-key); null accepts any request. */
  apiKey?: string | null;
};

export type ElevenLabsServer = LoopbackServer & {
  /** The base URL to put in ELEVENLABS_BASE_URL: http://127.0.0.1:PORT (the paths start with /v1). */
  url: string;
};

/**
 * A loopback server speaking ElevenLabs' text-to-speech API. Voice ids are ElevenLabs' 20
 * letters and digits; others are not found (404), as are unknown models (400). A language_code
 * is refused for models that cannot enforce a language, as the real API does.
 */
export async function startElevenLabsServer(options: ElevenLabsServerOptions = {}): Promise<ElevenLabsServer> {
  const { apiKey = 'test-key', log } = options;
  const fail = (res: ServerResponse, status: number, code: string, message: string) =>
    sendJson(res, status, { detail: { status: code, message } });
  const handle = async (request: RecordedRequest, res: ServerResponse) => {
    const match = /^\/v1\/text-to-speech\/([^/]*)(\/stream)?$/.exec(request.path);
    if (request.method !== 'POST' || !match)
      return fail(res, 404, 'not_found', `Unknown request URL: ${request.method} ${request.path}.`);
    if (apiKey !== null && request.headers['xi-api-key'] !== apiKey) {
      log?.(`${request.method} ${request.path} -> 401 (wrong or missing key)`);
      return fail(res, 401, 'invalid_api_key', 'Invalid API key');
    }
    const voiceId = decodeURIComponent(match[1] ?? '');
    if (!/^[A-Za-z0-9]{20}$/.test(voiceId))
      return fail(res, 404, 'voice_not_found', `A voice with the voice_id ${voiceId} was not found.`);
    const body = (request.body ?? {}) as { text?: unknown; model_id?: unknown; language_code?: unknown };
    if (typeof body.text !== 'string' || !body.text.trim())
      return fail(res, 422, 'invalid_text', 'Field required: text');
    const model = typeof body.model_id === 'string' ? body.model_id : 'eleven_multilingual_v2';
    if (!ELEVENLABS_MODELS.includes(model))
      return fail(res, 400, 'model_not_found', `A model with model ID ${model} does not exist.`);
    if (body.language_code !== undefined && !ELEVENLABS_LANGUAGE_MODELS.includes(model)) {
      return fail(
        res,
        400,
        'unsupported_language',
        `Model '${model}' does not support the language_code ${String(body.language_code)}.`,
      );
    }
    request.model = model;
    request.lastUserText = body.text;
    const marker = speechMarker(body.text);
    log?.(`POST ${request.path} model=${model} -> ${marker.status ?? 200}`);
    await wait((options.delayMs ?? 0) + marker.waitMs);
    if (marker.status === 401) return fail(res, 401, 'invalid_api_key', 'Invalid API key');
    if (marker.status === 429) return fail(res, 429, 'too_many_concurrent_requests', 'Too many concurrent requests.');
    if (marker.status) return fail(res, marker.status, 'internal_error', 'An internal error occurred.');
    if (request.query.output_format === `pcm_${RAW_SAMPLE_RATE}`)
      return sendRaw(res, speechPcm(body.text, RAW_SAMPLE_RATE));
    sendAudio(res, speechWav(body.text), Boolean(match[2]));
  };
  const server = await startLoopbackServer(
    options.port ?? 0,
    handle,
    () => ({}),
    (res) => fail(res, 400, 'invalid_json', 'Invalid JSON body.'),
  );
  return { ...server, url: server.origin };
}

/** Gemini's prebuilt TTS voices. */
export const GEMINI_VOICES = [
  'Zephyr',
  'Puck',
  'Charon',
  'Kore',
  'Fenrir',
  'Leda',
  'Orus',
  'Aoede',
  'Callirrhoe',
  'Autonoe',
  'Enceladus',
  'Iapetus',
  'Umbriel',
  'Algieba',
  'Despina',
  'Erinome',
  'Algenib',
  'Rasalgethi',
  'Laomedeia',
  'Achernar',
  'Alnilam',
  'Schedar',
  'Gacrux',
  'Pulcherrima',
  'Achird',
  'Zubenelgenubi',
  'Vindemiatrix',
  'Sadachbia',
  'Sadaltager',
  'Sulafat',
];

type GeminiSpeechBody = {
  contents?: { parts?: { text?: string }[] }[];
  generationConfig?: {
    responseModalities?: string[];
    speechConfig?: { voiceConfig?: { prebuiltVoiceConfig?: { voiceName?: string } }; languageCode?: string };
  };
};

export function isGeminiSpeechRequest(body: unknown): boolean {
  return (
    (body as GeminiSpeechBody | undefined)?.generationConfig?.responseModalities?.some(
      (modality) => modality.toUpperCase() === 'AUDIO',
    ) ?? false
  );
}

/**
 * generateContent with responseModalities ["AUDIO"], as Gemini's TTS models answer it: the text
 * of the parts spoken, as base64 little-endian 16-bit PCM at 24 kHz, mimeType audio/L16.
 */
export async function answerGeminiSpeech(
  request: RecordedRequest,
  res: ServerResponse,
  sendError: (status: number, message?: string) => void,
  options: SpeechFakeOptions,
): Promise<void> {
  const body = request.body as GeminiSpeechBody;
  if (!request.model?.includes('tts'))
    return sendError(400, 'The requested combination of response modalities (AUDIO) is not supported by the model.');
  const voice = body.generationConfig?.speechConfig?.voiceConfig?.prebuiltVoiceConfig?.voiceName;
  if (voice !== undefined && !GEMINI_VOICES.includes(voice)) return sendError(400, `Voice ${voice} is not supported.`);
  const text = (body.contents ?? [])
    .flatMap((content) => content.parts ?? [])
    .map((part) => part.text ?? '')
    .join('');
  if (!text.trim()) return sendError(400, '* GenerateContentRequest.contents: contents is not specified');
  const marker = speechMarker(text);
  options.log?.(`POST ${request.path} voice=${voice ?? 'default'} -> ${marker.status ?? 200}`);
  await wait((options.delayMs ?? 0) + marker.waitMs);
  if (marker.status) return sendError(marker.status);
  const pcm = speechPcm(text, GEMINI_SAMPLE_RATE);
  sendJson(res, 200, {
    candidates: [
      {
        content: {
          parts: [
            {
              inlineData: { mimeType: `audio/L16;codec=pcm;rate=${GEMINI_SAMPLE_RATE}`, data: pcm.toString('base64') },
            },
          ],
          role: 'model',
        },
        finishReason: 'STOP',
        index: 0,
      },
    ],
    usageMetadata: {
      promptTokenCount: Math.ceil(text.length / 4),
      candidatesTokenCount: Math.ceil((pcm.length / 2 / GEMINI_SAMPLE_RATE) * 25),
      totalTokenCount: Math.ceil(text.length / 4) + Math.ceil((pcm.length / 2 / GEMINI_SAMPLE_RATE) * 25),
    },
    modelVersion: request.model,
  });
}
