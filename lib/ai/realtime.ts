import { createOpenAI } from '@ai-sdk/openai';
import { HearthError } from '@/lib/errors';
import type { Language } from '@/lib/languages';
import { isVoiceStyle, type VoiceStyle } from '@/lib/voice/styles';
import type { Env } from './providers';

/**
 * The optional realtime path of a call: the server mints a short-lived OpenAI Realtime client
 * secret (POST {OPENAI_BASE_URL}/realtime/client_secrets, through the AI SDK) for a session with
 * the companion's instructions (persona and memories, assembled by the caller), its voice and the
 * call's language set, and the browser talks to OpenAI with it directly; the key never leaves the
 * server. Limits, honestly: OpenAI lets the holder of the secret send session.update, so the
 * settings are the session's start, not a lock the browser cannot change; and a secret is not
 * single-use, it lives REALTIME_SECRET_SECONDS (long enough to connect once).
 */
export const REALTIME_SECRET_SECONDS = 60;

export type RealtimeSession = {
  provider: 'openai';
  model: string;
  /** The ephemeral secret: `Authorization: Bearer` for WebRTC, or the WebSocket subprotocol. */
  token: string;
  /** The WebSocket URL to connect to (the WebRTC endpoint is {OPENAI_BASE_URL}/realtime/calls). */
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
export const REALTIME_VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse', 'marin', 'cedar'];
const REALTIME_STYLES: Record<VoiceStyle, string> = { warm: 'coral', bright: 'shimmer', calm: 'sage', deep: 'cedar', playful: 'verse' };

const LANGUAGE_NAMES: Record<Language, string> = {
  'en-US': 'English',
  'es-ES': 'Spanish (Spain)',
  'fr-FR': 'French',
  'de-DE': 'German',
  'nl-NL': 'Dutch',
  'it-IT': 'Italian',
};

/** Which provider can mint a realtime session: OpenAI when its key is set (Gemini Live is not done yet). */
export function realtimeProvider(env: Env = process.env): 'openai' | null {
  return env.OPENAI_API_KEY ? 'openai' : null;
}

export function realtimeVoice(voice: string | null): string {
  const chosen = voice?.trim().toLowerCase() ?? '';
  if (isVoiceStyle(chosen)) return REALTIME_STYLES[chosen];
  return REALTIME_VOICES.includes(chosen) ? chosen : 'marin';
}

export async function mintRealtimeSession(input: RealtimeInput, env: Env = process.env): Promise<RealtimeSession> {
  if (!realtimeProvider(env)) throw new HearthError('provider_not_configured', 'Realtime calls need OPENAI_API_KEY.');
  const model = env.OPENAI_REALTIME_MODEL?.trim() || 'gpt-realtime';
  const voice = realtimeVoice(input.voice);
  const realtime = createOpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL || undefined }).experimental_realtime(model, { api: 'realtime' });
  try {
    const secret = await realtime.doCreateClientSecret({
      expiresAfterSeconds: REALTIME_SECRET_SECONDS,
      sessionConfig: {
        instructions: `${input.instructions.trim()}\n\nThis is a live voice call. Speak ${LANGUAGE_NAMES[input.language]} only, in short spoken sentences.`,
        voice,
        outputModalities: ['audio'],
        inputAudioTranscription: { language: input.language.slice(0, 2) },
        turnDetection: { type: 'semantic-vad' },
      },
    });
    return { provider: 'openai', model, token: secret.token, url: secret.url, expiresAt: secret.expiresAt ?? null, voice, language: input.language };
  } catch (error) {
    // The SDK reports a refusal as "... failed: <status> <body>".
    const status = Number(/failed: (\d{3})/.exec(error instanceof Error ? error.message : '')?.[1] ?? 0);
    if (status === 401 || status === 403) throw new HearthError('provider_failed', "OpenAI rejected its API key. Check the key in the server's settings.");
    if (status === 429) throw new HearthError('rate_limited', 'OpenAI is busy (rate limited). Try again in a moment.');
    if (status >= 400 && status < 500) throw new HearthError('provider_failed', 'OpenAI refused the realtime session. Check OPENAI_REALTIME_MODEL.');
    throw new HearthError('provider_failed', 'OpenAI could not start a realtime session. Try again.');
  }
}
