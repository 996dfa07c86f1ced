import { createOpenAI } from '@ai-sdk/openai';
import { HearthError } from '@/lib/errors';
import type { Language } from '@/lib/languages';
import { isVoiceStyle, type VoiceStyle } from '@/lib/voice/styles';
import type { Env } from '@/lib/ai/providers';

/**
 * The optional realtime path of a call: the server mints a short-lived token for a provider's
 * native speech API with the companion's instructions (persona and memories, assembled by the
 * caller), its voice and the call's language in it, and the browser talks to the provider
 * directly; the key never leaves the server.
 *   OpenAI Realtime  POST {OPENAI_BASE_URL}/realtime/client_secrets (through the AI SDK). OpenAI
 *                    lets the holder send session.update, so the settings are the session's
 *                    start, not a lock; the secret is not single-use: it lives REALTIME_SECRET_SECONDS.
 *   Gemini Live      POST {origin of GOOGLE_BASE_URL}/v1alpha/auth_tokens (fetch: the AI SDK asks
 *                    for unlimited uses): single-use, a new session must start within
 *                    REALTIME_SECRET_SECONDS, and the setup (model, instructions, voice, language)
 *                    is locked in the token: the browser connects to BidiGenerateContentConstrained.
 */
export const REALTIME_SECRET_SECONDS = 60;

export type RealtimeProvider = 'openai' | 'google';

export type RealtimeSession = {
  provider: RealtimeProvider;
  model: string;
  /**
   * The ephemeral secret. OpenAI: `Authorization: Bearer` for WebRTC, or the WebSocket
   * subprotocol `openai-insecure-api-key.<token>`. Gemini: `?access_token=<token>` on `url`.
   */
  token: string;
  /** The WebSocket URL to connect to (OpenAI's WebRTC endpoint is {OPENAI_BASE_URL}/realtime/calls). */
  url: string;
  /** Unix seconds. */
  expiresAt: number | null;
  voice: string;
  language: Language;
};

export type RealtimeInput = {
  /** The companion's instructions with its memories, as the chat pipeline would send them. */
  instructions: string;
  language: Language;
  /** voiceFor(companion, language): a style or an OpenAI realtime voice; others fall back to the default. */
  voice: string | null;
};

/** OpenAI's realtime voices (fewer than its TTS voices: no nova, onyx or fable). */
export const REALTIME_VOICES = [
  'alloy',
  'ash',
  'ballad',
  'coral',
  'echo',
  'sage',
  'shimmer',
  'verse',
  'marin',
  'cedar',
];
const REALTIME_STYLES: Record<VoiceStyle, string> = {
  warm: 'coral',
  bright: 'shimmer',
  calm: 'sage',
  deep: 'cedar',
  playful: 'verse',
};

const LANGUAGE_NAMES: Record<Language, string> = {
  'en-US': 'English',
  'es-ES': 'Spanish (Spain)',
  'fr-FR': 'French',
  'de-DE': 'German',
  'nl-NL': 'Dutch',
  'it-IT': 'Italian',
};

/** Which provider mints realtime sessions: SPEECH_PROVIDER's when it is one of these and configured, else OpenAI, then Google. */
export function realtimeProvider(env: Env = process.env): RealtimeProvider | null {
  const wanted = env.SPEECH_PROVIDER?.trim().toLowerCase();
  if (wanted === 'google' && env.GOOGLE_GENERATIVE_AI_API_KEY) return 'google';
  if (env.OPENAI_API_KEY) return 'openai';
  return env.GOOGLE_GENERATIVE_AI_API_KEY ? 'google' : null;
}

export function realtimeVoice(voice: string | null): string {
  const chosen = voice?.trim().toLowerCase() ?? '';
  if (isVoiceStyle(chosen)) return REALTIME_STYLES[chosen];
  return REALTIME_VOICES.includes(chosen) ? chosen : 'marin';
}

export async function mintRealtimeSession(input: RealtimeInput, env: Env = process.env): Promise<RealtimeSession> {
  const provider = realtimeProvider(env);
  if (!provider)
    throw new HearthError(
      'provider_not_configured',
      'Realtime calls need OPENAI_API_KEY or GOOGLE_GENERATIVE_AI_API_KEY.',
    );
  const instructions = `${input.instructions.trim()}\n\nThis is a live voice call. Speak ${LANGUAGE_NAMES[input.language]} only, in short spoken sentences.`;
  try {
    return provider === 'openai'
      ? await withOpenAI(input, instructions, env)
      : await withGemini(input, instructions, env);
  } catch (error) {
    if (error instanceof HearthError) throw error;
    const label = provider === 'openai' ? 'OpenAI' : 'Google Gemini';
    const status = Number(/failed: (\d{3})/.exec(error instanceof Error ? error.message : '')?.[1] ?? 0);
    if (status === 401 || status === 403)
      throw new HearthError(
        'provider_failed',
        `${label} rejected its API key. Check the key in the server's settings.`,
      );
    if (status === 429)
      throw new HearthError('rate_limited', `${label} is busy (rate limited). Try again in a moment.`);
    if (status >= 400 && status < 500) {
      throw new HearthError(
        'provider_failed',
        `${label} refused the realtime session. Check ${provider === 'openai' ? 'OPENAI_REALTIME_MODEL' : 'GOOGLE_REALTIME_MODEL'}.`,
      );
    }
    console.warn(`[realtime] ${label} failed:`, error instanceof Error ? error.message : error);
    throw new HearthError('provider_failed', `${label} could not start a realtime session. Try again.`);
  }
}

async function withOpenAI(input: RealtimeInput, instructions: string, env: Env): Promise<RealtimeSession> {
  const model = env.OPENAI_REALTIME_MODEL?.trim() || 'gpt-realtime';
  const voice = realtimeVoice(input.voice);
  const realtime = createOpenAI({
    apiKey: env.OPENAI_API_KEY,
    baseURL: env.OPENAI_BASE_URL || undefined,
  }).experimental_realtime(model, { api: 'realtime' });
  const secret = await realtime.doCreateClientSecret({
    expiresAfterSeconds: REALTIME_SECRET_SECONDS,
    sessionConfig: {
      instructions,
      voice,
      outputModalities: ['audio'],
      inputAudioTranscription: { language: input.language.slice(0, 2) },
      turnDetection: { type: 'semantic-vad' },
    },
  });
  return {
    provider: 'openai',
    model,
    token: secret.token,
    url: secret.url,
    expiresAt: secret.expiresAt ?? null,
    voice,
    language: input.language,
  };
}

/** Gemini's prebuilt voices, which its Live models speak with too. */
export const GEMINI_LIVE_VOICES = [
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
const GEMINI_STYLES: Record<VoiceStyle, string> = {
  warm: 'Sulafat',
  bright: 'Zephyr',
  calm: 'Vindemiatrix',
  deep: 'Gacrux',
  playful: 'Puck',
};

export function liveVoice(voice: string | null): string {
  const chosen = voice?.trim() ?? '';
  if (isVoiceStyle(chosen.toLowerCase())) return GEMINI_STYLES[chosen.toLowerCase() as VoiceStyle];
  return GEMINI_LIVE_VOICES.find((name) => name.toLowerCase() === chosen.toLowerCase()) ?? 'Sulafat';
}

async function withGemini(input: RealtimeInput, instructions: string, env: Env): Promise<RealtimeSession> {
  const model = env.GOOGLE_REALTIME_MODEL?.trim() || 'gemini-2.5-flash-native-audio-preview-09-2025';
  const voice = liveVoice(input.voice);
  const origin = new URL(env.GOOGLE_BASE_URL || 'https://generativelanguage.googleapis.com/v1beta').origin;
  const now = Date.now();
  const response = await fetch(`${origin}/v1alpha/auth_tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': env.GOOGLE_GENERATIVE_AI_API_KEY! },
    body: JSON.stringify({
      uses: 1,
      // The session must start within the window; once started it may run for 30 minutes.
      newSessionExpireTime: new Date(now + REALTIME_SECRET_SECONDS * 1000).toISOString(),
      expireTime: new Date(now + 30 * 60_000).toISOString(),
      bidiGenerateContentSetup: {
        model: `models/${model}`,
        generationConfig: {
          responseModalities: ['AUDIO'],
          speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: voice } }, languageCode: input.language },
        },
        systemInstruction: { parts: [{ text: instructions }] },
        inputAudioTranscription: {},
        outputAudioTranscription: {},
      },
    }),
  });
  if (!response.ok) throw new Error(`Gemini Live token request failed: ${response.status} ${await response.text()}`);
  const token = (await response.json()) as { name?: unknown; expireTime?: unknown };
  if (typeof token.name !== 'string') throw new Error('Gemini Live token response had no name.');
  const socket = new URL(origin);
  socket.protocol = socket.protocol === 'https:' ? 'wss:' : 'ws:';
  socket.pathname = '/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContentConstrained';
  const expires = Date.parse(String(token.expireTime ?? ''));
  return {
    provider: 'google',
    model,
    token: token.name,
    url: socket.toString(),
    expiresAt: Number.isFinite(expires) ? Math.floor(expires / 1000) : null,
    voice,
    language: input.language,
  };
}
