import type { LanguageModelV4, LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';

/** The usage a scripted reply reports: 10 tokens in, 3 out. */
export const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 3, text: 3, reasoning: 0 },
};

export function words(text: string): LanguageModelV4StreamPart[] {
  return text.split(/(?<= )/).map((delta) => ({ type: 'text-delta', id: 't', delta }));
}

/** A model that streams the given parts, a few milliseconds apart. */
export function scripted(parts: LanguageModelV4StreamPart[], onCall?: () => Promise<void>): LanguageModelV4 {
  return new MockLanguageModelV4({
    doStream: async () => {
      await onCall?.();
      return { stream: simulateReadableStream({ chunks: parts, chunkDelayInMs: 5 }) };
    },
  });
}

/** A whole reply, word by word, ending with the given finish reason. */
export const complete = (text: string, finishReason: 'stop' | 'length' = 'stop'): LanguageModelV4StreamPart[] => [
  { type: 'stream-start', warnings: [] },
  { type: 'text-start', id: 't' },
  ...words(text),
  { type: 'text-end', id: 't' },
  { type: 'finish', finishReason: { unified: finishReason, raw: finishReason }, usage },
];
