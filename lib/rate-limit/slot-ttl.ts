import { generationTimeouts } from '@/lib/chat/timeouts';

// Beyond the generation's own cap: a call turn's transcription before it, the save after it.
const MARGIN_MS = 60_000;

/**
 * How long a reply's stream slot is held at most. A reply cannot run longer than
 * MODEL_TOTAL_TIMEOUT_MS (the generation's own cap), so a slot still held after that and a margin
 * belongs to a process that died mid-reply, and frees itself.
 */
export function slotTtlMs(env: Record<string, string | undefined> = process.env): number {
  return generationTimeouts(env).totalMs + MARGIN_MS;
}
