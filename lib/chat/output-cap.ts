import type { Env } from '@/lib/ai/providers';
import { modelOutputCap } from '@/lib/ai/catalogue';

/** The server's own ceiling on one reply when MAX_OUTPUT_TOKENS is not set. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 8_192;

/** The caps on a reply that do not depend on the model answering it. */
export type OutputLimits = {
  /** The persona's max output tokens, when the admin set one. */
  persona?: number | null;
  /** What the request asked for (chat/completions' max_tokens or max_completion_tokens). */
  requested?: number | null;
  /** The deployment's ceiling (MAX_OUTPUT_TOKENS). */
  ceiling: number;
};

/** MAX_OUTPUT_TOKENS: the most tokens any reply may have, whatever the persona, model or request say. */
export function outputCeiling(env: Env): number {
  const value = Number(env.MAX_OUTPUT_TOKENS);
  return Number.isSafeInteger(value) && value > 0 ? value : DEFAULT_MAX_OUTPUT_TOKENS;
}

/**
 * A reply's max output tokens: the smallest of the persona's cap, the model's own, the request's
 * and the server's ceiling. Every reply passes through here (lib/chat/generation.ts), per model
 * tried, so a fallback model with a smaller cap is asked for no more than it can write.
 */
export function replyOutputCap(limits: OutputLimits, modelId: string): number {
  const caps = [limits.persona, modelOutputCap(modelId), limits.requested, limits.ceiling].filter(
    (cap): cap is number => typeof cap === 'number' && cap > 0,
  );
  return Math.min(...caps);
}
