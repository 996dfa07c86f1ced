import type { Env } from '@/lib/ai/providers';

export type GenerationTimeouts = { firstTokenMs: number; idleMs: number; totalMs: number };

/**
 * The longest a generation may take by default: a little under the streaming routes' maxDuration
 * (300 s, the most Vercel's Hobby plan allows), so that the reply is saved as an error with its
 * text before the platform kills the function, with time left for the save and for what came
 * before the model (a call turn's transcription).
 */
export const DEFAULT_TOTAL_TIMEOUT_MS = 270_000;

/** The watchdogs' limits as this deployment sets them. */
export function generationTimeouts(env: Env): GenerationTimeouts {
  return {
    firstTokenMs: envMs(env, 'MODEL_FIRST_TOKEN_TIMEOUT_MS', 60_000),
    idleMs: envMs(env, 'MODEL_IDLE_TIMEOUT_MS', 30_000),
    totalMs: envMs(env, 'MODEL_TOTAL_TIMEOUT_MS', DEFAULT_TOTAL_TIMEOUT_MS),
  };
}

function envMs(env: Env, name: string, fallback: number): number {
  const value = Number(env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
