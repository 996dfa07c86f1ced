import type { ModelMessage } from 'ai';
import type { HistoryEntry } from '@/lib/db/messages';
import { estimateTokens } from '@/lib/text';


// Room left in the context window for the reply.
const REPLY_RESERVE_TOKENS = 1_024;

/** The prompt for a model with the given context window: the history that fits beside the instructions. */
export function promptFor(messages: Pick<HistoryEntry, 'role' | 'text'>[], instructions: string): (contextWindow: number) => ModelMessage[] {
  const instructionTokens = estimateTokens(instructions);
  return (contextWindow) => historyForModel(messages, contextWindow - REPLY_RESERVE_TOKENS - instructionTokens);
}

/**
 * The stored history as model messages, newest kept first when it does not all fit. Failed
 * replies with no text are left out; a partial reply is kept, since the person saw it.
 */
export function historyForModel(messages: Pick<HistoryEntry, 'role' | 'text'>[], budgetTokens: number): ModelMessage[] {
  const kept: ModelMessage[] = [];
  let used = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const { role, text } = messages[i]!;
    if (!text) continue;
    used += estimateTokens(text) + 4;
    if (used > budgetTokens && kept.length > 0) break;
    kept.push({ role, content: text });
  }
  return kept.reverse();
}

/** A short title from the first thing the person said. */
export function titleFrom(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= 60 ? line : `${line.slice(0, 57).trimEnd()}…`;
}
