import { createElevenLabs } from '@ai-sdk/elevenlabs';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { APICallError } from '@ai-sdk/provider';
import { generateSpeech, RetryError, type SpeechModel } from 'ai';
import { HearthError } from '@/lib/errors';
import { LANGUAGES, type Language } from '@/lib/languages';
import { isVoiceStyle, type VoiceStyle } from '@/lib/voice/styles';
import type { Env } from '@/lib/ai/providers';
import { samplesOfWav } from '@/lib/voice/wav';

/**
 * Text to speech for calls, one sentence at a time, with whichever provider is configured:
 * SPEECH_PROVIDER when it names a configured one (or "browser" to leave speech to the browser),
 * else OpenAI, ElevenLabs, Google in that order. All three go through the AI SDK's
 * generateSpeech; base URLs follow OPENAI_BASE_URL, ELEVENLABS_BASE_URL and GOOGLE_BASE_URL,
 * which is how tests reach loopback servers. Server only: keys never leave it.
 */
export type SpeechProvider = 'openai' | 'elevenlabs' | 'google';

export type SynthesizedSpeech = {
  /** One complete playable file for this text, or with `format: 'pcm'` its raw samples. */
  audio: Uint8Array;
  /** The file's type, or PCM_MEDIA_TYPE. */
  mediaType: string;
  provider: SpeechProvider;
  model: string;
  /** What providers bill by. */
  characters: number;
  /** From PRICES; null when the model is not in the table. */
  costUsd: number | null;
};

export type SpeechInput = {
  text: string;
  language: Language;
  voice: string | null;
  signal?: AbortSignal;
  /**
   * 'file' (the default): a file a browser plays. 'pcm': 24 kHz 16-bit mono samples, little-endian
   * and without a header, for a call's own audio track to encode (lib/calls/media).
   */
  format?: 'file' | 'pcm';
};

/** What every provider can send raw: 24 kHz 16-bit little-endian mono, as an RTP-style media type. */
export const PCM_SAMPLE_RATE = 24_000;
export const PCM_MEDIA_TYPE = `audio/L16;rate=${PCM_SAMPLE_RATE}`;

/** The longest sentence one request may carry (OpenAI's limit is 4096 characters; ours is far below). */
export const MAX_SPEECH_CHARS = 1000;

type ProviderSpec = {
  label: string;
  keyEnv: string;
  defaultModel: string;
  modelEnv: string;
  /** The provider's voice for each of the persona studio's voice styles; `warm` is the default. */
  styles: Record<VoiceStyle, string>;
  create: (model: string, env: Env) => SpeechModel;
  /** How the provider is told the language, as generateSpeech options. */
  languageOptions: (language: Language, model: string) => { language?: string; instructions?: string };
  outputFormat: 'mp3' | 'wav';
  fallbackMediaType: string;
  /** How to ask for PCM_SAMPLE_RATE samples; 'wav' when they come wrapped in a WAV header. */
  pcmFormat: string;
};

const iso639 = (language: Language) => language.slice(0, 2);

const SPECS: Record<SpeechProvider, ProviderSpec> = {
  openai: {
    label: 'OpenAI',
    keyEnv: 'OPENAI_API_KEY',
    defaultModel: 'gpt-4o-mini-tts',
    modelEnv: 'OPENAI_SPEECH_MODEL',
    // Every OpenAI voice speaks every language; the style picks the timbre.
    styles: { warm: 'coral', bright: 'nova', calm: 'sage', deep: 'onyx', playful: 'fable' },
    create: (model, env) =>
      createOpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL || undefined }).speech(model),
    // tts-1 has no language setting and follows the text; gpt-4o-mini-tts takes instructions.
    languageOptions: (language, model) =>
      model.startsWith('gpt-')
        ? { instructions: `Speak naturally in ${LANGUAGE_NAMES_EN[language]}, warmly, like a friend on a call.` }
        : {},
    outputFormat: 'mp3',
    fallbackMediaType: 'audio/mpeg',
    // response_format pcm: raw 24 kHz 16-bit little-endian samples.
    pcmFormat: 'pcm',
  },
  elevenlabs: {
    label: 'ElevenLabs',
    keyEnv: 'ELEVENLABS_API_KEY',
    defaultModel: 'eleven_flash_v2_5',
    modelEnv: 'ELEVENLABS_MODEL',
    // Premade voices; with a multilingual model each speaks all six languages.
    styles: {
      warm: 'EXAVITQu4vr4xnSDxMaL',
      bright: 'MF3mGOLAACAjYAgOQd2x',
      calm: '21m00Tcm4TlvDq8ikWAM',
      deep: 'pNInz6obpgDQGcFmaJgB',
      playful: 'AZnzlk1XvdvUeBnXmlld',
    },
    create: (model, env) =>
      createElevenLabs({
        apiKey: env.ELEVENLABS_API_KEY,
        fetch: rebased('https://api.elevenlabs.io', env.ELEVENLABS_BASE_URL),
      }).speech(model),
    // Only the v2.5 models take a language code; the others refuse one and follow the text.
    languageOptions: (language, model) => (/_v2_5$/.test(model) ? { language: iso639(language) } : {}),
    outputFormat: 'mp3',
    fallbackMediaType: 'audio/mpeg',
    pcmFormat: 'pcm_24000',
  },
  google: {
    label: 'Google Gemini',
    keyEnv: 'GOOGLE_GENERATIVE_AI_API_KEY',
    defaultModel: 'gemini-2.5-flash-preview-tts',
    modelEnv: 'GOOGLE_SPEECH_MODEL',
    // Gemini's prebuilt voices, by their published character (Warm, Bright, Gentle, Mature, Upbeat).
    styles: { warm: 'Sulafat', bright: 'Zephyr', calm: 'Vindemiatrix', deep: 'Gacrux', playful: 'Puck' },
    create: (model, env) =>
      createGoogleGenerativeAI({
        apiKey: env.GOOGLE_GENERATIVE_AI_API_KEY,
        baseURL: env.GOOGLE_BASE_URL || undefined,
      }).speech(model),
    languageOptions: (language) => ({ language }),
    // Gemini answers 24 kHz 16-bit PCM; the SDK wraps it in a WAV header.
    outputFormat: 'wav',
    fallbackMediaType: 'audio/wav',
    pcmFormat: 'wav',
  },
};

const LANGUAGE_NAMES_EN: Record<Language, string> = {
  'en-US': 'American English',
  'es-ES': 'Spanish (Spain)',
  'fr-FR': 'French (France)',
  'de-DE': 'German',
  'nl-NL': 'Dutch',
  'it-IT': 'Italian',
};

const ORDER: readonly SpeechProvider[] = ['openai', 'elevenlabs', 'google'];

/**
 * List prices in USD per character of text, as published in December 2026 (estimates where the
 * provider bills audio tokens or minutes: OpenAI's gpt-4o-mini-tts is about $0.015 a minute of
 * speech, Gemini TTS $10 per million audio tokens at 25 tokens a second, both taken at about
 * 15 characters a second of speech). ElevenLabs' price depends on the plan; the table has the
 * pay-as-you-go API price.
 */
export const PRICES: Record<string, number> = {
  'openai/tts-1': 15 / 1e6,
  'openai/tts-1-hd': 30 / 1e6,
  'openai/gpt-4o-mini-tts': 16.7 / 1e6,
  'elevenlabs/eleven_flash_v2_5': 0.05 / 1e3,
  'elevenlabs/eleven_turbo_v2_5': 0.05 / 1e3,
  'elevenlabs/eleven_multilingual_v2': 0.1 / 1e3,
  'elevenlabs/eleven_v3': 0.1 / 1e3,
  'google/gemini-2.5-flash-preview-tts': 16.7 / 1e6,
  'google/gemini-2.5-pro-preview-tts': 33.4 / 1e6,
};

export function speechCost(provider: SpeechProvider, model: string, characters: number): number | null {
  const price = PRICES[`${provider}/${model}`];
  return price === undefined ? null : Math.round(price * characters * 1e8) / 1e8;
}

/** Each text-to-speech provider's name and the key that switches it on, in the order they are tried. */
export const SPEECH_PROVIDERS = ORDER.map((id) => ({ id, label: SPECS[id].label, keyEnv: SPECS[id].keyEnv }));

function isConfigured(provider: SpeechProvider, env: Env): boolean {
  return Boolean(env[SPECS[provider].keyEnv]);
}

/** The configured TTS provider, or null (then the browser's own speechSynthesis speaks). */
export function speechProvider(env: Env = process.env): SpeechProvider | null {
  const wanted = env.SPEECH_PROVIDER?.trim().toLowerCase();
  if (wanted === 'browser' || wanted === 'none') return null;
  if (wanted && isSpeechProvider(wanted) && isConfigured(wanted, env)) return wanted;
  return ORDER.find((provider) => isConfigured(provider, env)) ?? null;
}

function isSpeechProvider(value: string): value is SpeechProvider {
  return (ORDER as readonly string[]).includes(value);
}

/** Per language: can the server synthesize it, and with which provider. All three speak all six. */
export function speechAvailability(env: Env = process.env): Record<Language, { tts: SpeechProvider | null }> {
  const tts = speechProvider(env);
  return Object.fromEntries(LANGUAGES.map((language) => [language, { tts }])) as Record<
    Language,
    { tts: SpeechProvider | null }
  >;
}

/** The companion's voice for a language: its per-language voice, else its default voice, else null (provider default). */
export function voiceFor(
  companion: { voice: string | null; voices?: Partial<Record<Language, string>> | null },
  language: Language,
): string | null {
  return companion.voices?.[language]?.trim() || companion.voice?.trim() || null;
}

/** A voice style ("warm") as the provider's voice; anything else is taken as the provider's own voice id or name. */
export function providerVoice(provider: SpeechProvider, voice: string | null): string {
  const styles = SPECS[provider].styles;
  if (!voice) return styles.warm;
  const style = voice.toLowerCase();
  return isVoiceStyle(style) ? styles[style] : voice;
}

export function speechModel(provider: SpeechProvider, env: Env = process.env): string {
  const spec = SPECS[provider];
  return env[spec.modelEnv]?.trim() || spec.defaultModel;
}

/** Synthesizes one sentence; throws HearthError ('provider_not_configured', 'provider_failed', 'rate_limited', 'bad_request') on failure. */
export async function synthesizeSpeech(input: SpeechInput, env: Env = process.env): Promise<SynthesizedSpeech> {
  const provider = speechProvider(env);
  if (!provider) {
    throw new HearthError(
      'provider_not_configured',
      'Text to speech needs a provider key: set OPENAI_API_KEY, ELEVENLABS_API_KEY or GOOGLE_GENERATIVE_AI_API_KEY.',
    );
  }
  const text = input.text.trim();
  if (!text) throw new HearthError('bad_request', 'There is nothing to say.', { param: 'text' });
  if (text.length > MAX_SPEECH_CHARS) {
    throw new HearthError('bad_request', `A sentence to speak can be at most ${MAX_SPEECH_CHARS} characters.`, {
      param: 'text',
    });
  }
  const spec = SPECS[provider];
  const pcm = input.format === 'pcm';
  const model = speechModel(provider, env);
  const voice = providerVoice(provider, input.voice);
  const speak = async (voice: string): Promise<SynthesizedSpeech> => {
    const result = await generateSpeech({
      model: spec.create(model, env),
      text,
      voice,
      outputFormat: pcm ? spec.pcmFormat : spec.outputFormat,
      ...spec.languageOptions(input.language, model),
      abortSignal: input.signal,
      // In a live call a retry seconds later is worse than a sentence the caller can speak another way.
      maxRetries: 0,
    });
    const audio = pcm && spec.pcmFormat === 'wav' ? pcmOfWav(result.audio.uint8Array) : result.audio.uint8Array;
    if (audio.length === 0) throw new HearthError('provider_failed', `${spec.label} sent no audio. Try again.`);
    return {
      audio,
      mediaType: pcm ? PCM_MEDIA_TYPE : playableMediaType(result.audio.mediaType, spec.fallbackMediaType),
      provider,
      model,
      characters: text.length,
      costUsd: speechCost(provider, model, text.length),
    };
  };
  try {
    return await speak(voice).catch((error: unknown) => {
      // A voice the provider does not know (one set for another provider, a typo): a call should
      // not fall silent over it, so the sentence is spoken in the provider's default voice.
      const fallback = providerVoice(provider, null);
      if (voice === fallback || !isRefusal(error) || input.signal?.aborted) throw error;
      console.warn(`[speech] ${spec.label} refused the voice "${voice}"; speaking with "${fallback}" instead.`);
      return speak(fallback);
    });
  } catch (error) {
    throw speechError(error, spec.label, input.signal);
  }
}

/** The samples of a 16-bit WAV file at PCM_SAMPLE_RATE (Gemini's, wrapped by the SDK). */
function pcmOfWav(wav: Uint8Array): Uint8Array {
  const read = samplesOfWav(wav);
  if (read?.sampleRate !== PCM_SAMPLE_RATE)
    throw new HearthError('provider_failed', 'The speech came in a form calls cannot play.');
  return read.samples;
}

/** The provider refused the request itself (a bad voice or model), not the key or its capacity. */
function isRefusal(error: unknown): boolean {
  const cause = RetryError.isInstance(error) ? error.lastError : error;
  return APICallError.isInstance(cause) && [400, 404, 422].includes(cause.statusCode ?? 0);
}

/** The SDK guesses the type from the bytes; anything it could not name is the format we asked for. */
function playableMediaType(detected: string | undefined, fallback: string): string {
  if (!detected || detected === 'application/octet-stream') return fallback;
  return detected === 'audio/mp3' ? 'audio/mpeg' : detected;
}

/** What went wrong, as the error a person or API client sees: never a key, never a stack. */
export function speechError(error: unknown, label: string, signal?: AbortSignal): unknown {
  if (error instanceof HearthError) return error;
  // The caller hung up (barge-in, a dropped client): its own abort, not a provider failure.
  if (signal?.aborted) return signal.reason ?? error;
  const cause = RetryError.isInstance(error) ? error.lastError : error;
  if (APICallError.isInstance(cause)) {
    const status = cause.statusCode ?? 0;
    if (status === 401 || status === 403)
      return new HearthError(
        'provider_failed',
        `${label} rejected its API key. Check the key in the server's settings.`,
      );
    if (status === 429) {
      const wait = Number(cause.responseHeaders?.['retry-after']);
      return new HearthError(
        'rate_limited',
        Number.isFinite(wait) && wait > 0
          ? `${label} is busy (rate limited). Try again in ${Math.ceil(wait)} seconds.`
          : `${label} is busy (rate limited). Try again in a moment.`,
      );
    }
    if (status === 400 || status === 404 || status === 422)
      return new HearthError(
        'provider_failed',
        `${label} could not speak this with the chosen voice or model. Check the companion's voice.`,
      );
    if (status >= 500) return new HearthError('provider_failed', `${label} had a problem on its side. Try again.`);
  }
  console.warn(`[speech] ${label} failed:`, cause instanceof Error ? cause.message : cause);
  return new HearthError('provider_failed', `${label} could not be reached for speech. Try again.`);
}

/** A fetch that sends requests for `origin` to `base` instead (the ElevenLabs SDK has no base URL setting). */
function rebased(origin: string, base: string | undefined): typeof fetch | undefined {
  if (!base) return undefined;
  const target = base.replace(/\/+$/, '');
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    return fetch(url.startsWith(origin) ? target + url.slice(origin.length) : url, init);
  };
}
