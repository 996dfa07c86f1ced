import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { experimental_transcribe, generateText } from 'ai';
import Groq, { toFile } from 'groq-sdk';
import { EXTENSIONS, type AudioType } from '@/lib/uploads/limits';
import type { Env } from '@/lib/ai/providers';

/**
 * Voice notes to text: Groq's Whisper (groq-sdk), OpenAI's transcription (AI SDK) or Gemini's audio
 * understanding, whichever is configured first, in that order. Base URLs follow the providers'
 * (GROQ_BASE_URL, OPENAI_BASE_URL, GOOGLE_BASE_URL), which is how tests reach loopback servers.
 */
export type Transcript = { text: string; language: string | null; provider: TranscriptionProvider };
export type TranscriptionProvider = 'groq' | 'openai' | 'google';

export const TRANSCRIPTION_NEEDS_KEY =
  'Transcription needs a provider key: set GROQ_API_KEY, OPENAI_API_KEY or GOOGLE_GENERATIVE_AI_API_KEY.';

export function transcriptionProvider(env: Env): TranscriptionProvider | null {
  if (env.GROQ_API_KEY) return 'groq';
  if (env.OPENAI_API_KEY) return 'openai';
  if (env.GOOGLE_GENERATIVE_AI_API_KEY) return 'google';
  return null;
}

/**
 * The note's words and detected language; null when no transcription provider is configured.
 * `language` (ISO 639-1, e.g. `fr`) is a hint for Whisper when the speaker's language is known (a call).
 */
export async function transcribeAudio(
  audio: Uint8Array,
  mediaType: AudioType,
  env: Env,
  signal?: AbortSignal,
  language?: string,
): Promise<Transcript | null> {
  const provider = transcriptionProvider(env);
  switch (provider) {
    case null:
      return null;
    case 'groq':
      return withGroq(audio, mediaType, env, signal, language);
    case 'openai': {
      const model = createOpenAI({
        apiKey: env.OPENAI_API_KEY,
        baseURL: env.OPENAI_BASE_URL || undefined,
      }).transcription((env.OPENAI_TRANSCRIPTION_MODEL || 'whisper-1') as 'whisper-1');
      const result = await experimental_transcribe({
        model,
        audio,
        abortSignal: signal,
        maxRetries: 1,
        ...(language ? { providerOptions: { openai: { language } } } : {}),
      });
      return { text: result.text.trim(), language: normalizeLanguage(result.language) ?? language ?? null, provider };
    }
    case 'google':
      return withGemini(audio, mediaType, env, signal);
  }
}

async function withGroq(
  audio: Uint8Array,
  mediaType: AudioType,
  env: Env,
  signal?: AbortSignal,
  language?: string,
): Promise<Transcript> {
  // groq-sdk adds /openai/v1 itself; GROQ_BASE_URL (for the AI SDK) ends with it.
  const baseURL = env.GROQ_BASE_URL ? env.GROQ_BASE_URL.replace(/\/openai\/v1\/?$/, '') : undefined;
  const groq = new Groq({ apiKey: env.GROQ_API_KEY, baseURL, maxRetries: 1 });
  const result = (await groq.audio.transcriptions.create(
    {
      file: await toFile(audio, `voice-note.${EXTENSIONS[mediaType]}`, { type: mediaType }),
      model: env.GROQ_TRANSCRIPTION_MODEL || 'whisper-large-v3-turbo',
      response_format: 'verbose_json',
      ...(language ? { language } : {}),
    },
    { signal },
  )) as { text: string; language?: string };
  return { text: result.text.trim(), language: normalizeLanguage(result.language), provider: 'groq' };
}

async function withGemini(
  audio: Uint8Array,
  mediaType: AudioType,
  env: Env,
  signal?: AbortSignal,
): Promise<Transcript> {
  const google = createGoogleGenerativeAI({
    apiKey: env.GOOGLE_GENERATIVE_AI_API_KEY,
    baseURL: env.GOOGLE_BASE_URL || undefined,
  });
  const { text } = await generateText({
    model: google(env.GOOGLE_TRANSCRIPTION_MODEL || 'gemini-2.5-flash'),
    abortSignal: signal,
    maxRetries: 1,
    messages: [
      {
        role: 'user',
        content: [
          {
            type: 'text',
            text: 'Transcribe this voice note word for word. Answer with JSON only: {"language": "<ISO 639-1 code>", "text": "<the transcript>"}.',
          },
          { type: 'file', data: audio, mediaType },
        ],
      },
    ],
  });
  const json = /\{[\s\S]*\}/.exec(text)?.[0];
  try {
    const parsed = JSON.parse(json ?? '') as { text?: unknown; language?: unknown };
    if (typeof parsed.text === 'string') {
      return {
        text: parsed.text.trim(),
        language: normalizeLanguage(typeof parsed.language === 'string' ? parsed.language : undefined),
        provider: 'google',
      };
    }
  } catch {
    // not JSON: take the answer as the transcript
  }
  return { text: text.trim(), language: null, provider: 'google' };
}

const LANGUAGE_NAMES: Record<string, string> = {
  english: 'en',
  spanish: 'es',
  french: 'fr',
  german: 'de',
  dutch: 'nl',
  italian: 'it',
  portuguese: 'pt',
  japanese: 'ja',
  chinese: 'zh',
  korean: 'ko',
  russian: 'ru',
  polish: 'pl',
  turkish: 'tr',
  arabic: 'ar',
  hindi: 'hi',
};

/** Whisper answers a language name ("English"), others a code ("en"): stored as a short lower-case code. */
export function normalizeLanguage(language: string | undefined | null): string | null {
  if (!language) return null;
  const lower = language.trim().toLowerCase();
  if (/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/.test(lower)) return lower;
  return LANGUAGE_NAMES[lower] ?? lower.slice(0, 40);
}
