import type { ModelMessage } from 'ai';
import type { HistoryEntry } from '@/lib/conversations/messages';
import { estimateTokens } from '@/lib/text';

// Room left in the context window for the reply.
const REPLY_RESERVE_TOKENS = 1_024;
// What an image costs in a prompt, roughly (providers bill a few hundred to about 1,300 tokens).
const IMAGE_TOKENS = 1_000;

/** An image that goes to the model with a message, as bytes (lib/chat/attachments.ts loads them). */
export type PromptImage = { mediaType: string; data: Uint8Array };
export type PromptEntry = Pick<HistoryEntry, 'role' | 'text'> & { images?: PromptImage[] };

/**
 * The prompt for a model with the given context window: the history that fits beside the
 * instructions. Images go as file parts to a model that can see them; any other model is told
 * one was attached.
 */
export function promptFor(
  messages: PromptEntry[],
  instructions: string,
): (contextWindow: number, options?: { vision?: boolean }) => ModelMessage[] {
  const instructionTokens = estimateTokens(instructions);
  return (contextWindow, options) =>
    historyForModel(messages, contextWindow - REPLY_RESERVE_TOKENS - instructionTokens, options);
}

/**
 * The stored history as model messages, newest kept first when it does not all fit. Failed
 * replies with no text are left out; a partial reply is kept, since the person saw it.
 */
export function historyForModel(
  messages: PromptEntry[],
  budgetTokens: number,
  { vision = true }: { vision?: boolean } = {},
): ModelMessage[] {
  const kept: ModelMessage[] = [];
  let used = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const { role, text, images = [] } = messages[i]!;
    if (!text && !images.length) continue;
    used += estimateTokens(text) + 4 + (vision ? images.length * IMAGE_TOKENS : 0);
    if (used > budgetTokens && kept.length > 0) break;
    kept.push(role === 'user' && images.length ? userWithImages(text, images, vision) : { role, content: text });
  }
  return kept.reverse();
}

function userWithImages(text: string, images: PromptImage[], vision: boolean): ModelMessage {
  if (!vision) {
    const note = `[${images.length === 1 ? 'An image was' : `${images.length} images were`} attached, which this model cannot see.]`;
    return { role: 'user', content: text ? `${text}\n\n${note}` : note };
  }
  return {
    role: 'user',
    content: [
      ...images.map((image) => ({ type: 'file' as const, data: image.data, mediaType: image.mediaType })),
      ...(text ? [{ type: 'text' as const, text }] : []),
    ],
  };
}

/** A short title from the first thing the person said. */
export function titleFrom(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= 60 ? line : `${line.slice(0, 57).trimEnd()}…`;
}
