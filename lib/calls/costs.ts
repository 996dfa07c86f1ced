import type { TranscriptionProvider } from '@/lib/voice/transcription';
import type { Env } from '@/lib/ai/providers';

// USD per minute of audio, from the providers' price pages (Dec 2026). Gemini bills audio as
// tokens (32 per second) at its model's input price: about the same as Groq's turbo Whisper.
const PER_MINUTE: Record<string, number> = {
  'groq/whisper-large-v3-turbo': 0.04 / 60,
  'groq/whisper-large-v3': 0.111 / 60,
  'openai/whisper-1': 0.006,
  'openai/gpt-4o-transcribe': 0.006,
  'openai/gpt-4o-mini-transcribe': 0.003,
  'google/gemini-2.5-flash': (32 * 60 * 1.0) / 1_000_000,
};

/** What transcribing `seconds` of speech cost; null when the model's price or the length is unknown. */
export function transcriptionCostUsd(provider: TranscriptionProvider, seconds: number | null, env: Env): number | null {
  if (seconds === null) return null;
  const model =
    provider === 'groq'
      ? env.GROQ_TRANSCRIPTION_MODEL || 'whisper-large-v3-turbo'
      : provider === 'openai'
        ? env.OPENAI_TRANSCRIPTION_MODEL || 'whisper-1'
        : env.GOOGLE_TRANSCRIPTION_MODEL || 'gemini-2.5-flash';
  const price = PER_MINUTE[`${provider}/${model}`];
  return price === undefined ? null : (seconds / 60) * price;
}
