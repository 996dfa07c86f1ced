import { generateText, type LanguageModel } from 'ai';
import type { HistoryEntry } from '@/lib/conversations/messages';
import { estimateTokens } from '@/lib/text';
import type { ModelCallOptions } from './extract';
import { DEFAULT_MEMORY_MODEL_TIMEOUT_MS } from './spend';

/** The newest messages never folded, so the prompt always has the latest turns word for word. */
const KEEP_RECENT = 8;
// Fold once the unsummarized history passes FOLD_AT of what a prompt can hold beside the
// instructions, down to FOLD_TO of it, so a fold happens every so often, not on every turn.
const FOLD_AT = 0.75;
const FOLD_TO = 0.5;
// Room for the instructions, memories, summary and the reply.
const PROMPT_OVERHEAD_TOKENS = 2_500;
/** A turn reads at most this many messages; folding keeps well under it. */
const MAX_UNSUMMARIZED = 150;
const KEEP_UNSUMMARIZED = 100;
const MAX_SUMMARY_CHARS = 6_000;
/** At most this many messages go into one fold, so a model can summarize them in one call. */
const MAX_FOLD = 200;

export type Fold = { folded: HistoryEntry[]; throughSeq: string };

const roomIn = (contextWindow: number) => Math.max(1_000, contextWindow - PROMPT_OVERHEAD_TOKENS);
const cost = (m: Pick<HistoryEntry, 'text'>) => estimateTokens(m.text) + 4;

/** Whether the unsummarized history is outgrowing the model's context window or what a turn reads. */
export function outgrows(history: readonly Pick<HistoryEntry, 'text'>[], contextWindow: number): boolean {
  const tokens = history.reduce((sum, m) => sum + cost(m), 0);
  return tokens > roomIn(contextWindow) * FOLD_AT || history.length > MAX_UNSUMMARIZED;
}

/** Which of the oldest messages to fold into the summary, if the history outgrows; null while it fits. */
export function foldPlan(history: HistoryEntry[], contextWindow: number): Fold | null {
  if (!outgrows(history, contextWindow)) return null;
  const room = roomIn(contextWindow);
  let tokens = history.reduce((sum, m) => sum + cost(m), 0);
  let count = 0;
  while (
    history.length - count > KEEP_RECENT &&
    count < MAX_FOLD &&
    (tokens > room * FOLD_TO || history.length - count > KEEP_UNSUMMARIZED)
  ) {
    tokens -= cost(history[count]!);
    count += 1;
  }
  const folded = history.slice(0, count);
  const last = folded.at(-1);
  return last?.seq ? { folded, throughSeq: last.seq } : null;
}

/**
 * The summary carried forward: the previous one plus the folded turns. A real model writes it;
 * the offline model keeps the first sentence of each turn, so nothing is dropped silently.
 */
export async function summarize(
  previous: string | null,
  folded: HistoryEntry[],
  model: LanguageModel | null,
  options: ModelCallOptions = {},
): Promise<string> {
  const summary = model
    ? await summarizeWithModel(previous, folded, model, options)
    : summarizeByExcerpt(previous, folded);
  return bounded(summary);
}

async function summarizeWithModel(
  previous: string | null,
  folded: HistoryEntry[],
  model: LanguageModel,
  options: ModelCallOptions,
): Promise<string> {
  const transcript = folded.map((m) => `${m.role === 'user' ? 'Person' : 'You'}: ${m.text}`).join('\n');
  const { text, usage } = await generateText({
    model,
    instructions:
      'You keep the running summary of a long conversation between a companion ("You") and a person. Merge the earlier summary and the new turns into one summary of at most 250 words, in the language of the conversation: what was discussed, decided or promised, and anything the person shared. Plain prose or short bullets; no preamble.',
    prompt: `Earlier summary:\n${previous ?? '(none)'}\n\nNew turns:\n${transcript}`,
    temperature: 0,
    maxOutputTokens: 600,
    maxRetries: 1,
    abortSignal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_MEMORY_MODEL_TIMEOUT_MS),
  });
  options.onUsage?.(usage);
  return text.trim() || summarizeByExcerpt(previous, folded);
}

function summarizeByExcerpt(previous: string | null, folded: HistoryEntry[]): string {
  const lines = folded
    .filter((m) => m.text.trim())
    .map((m) => `- ${m.role === 'user' ? 'They said' : 'You said'}: ${firstSentence(m.text)}`);
  return [previous, ...lines].filter(Boolean).join('\n');
}

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const sentence = flat.match(/^.*?[.!?](?=\s|$)/)?.[0] ?? flat;
  return sentence.length <= 160 ? sentence : `${sentence.slice(0, 159).trimEnd()}…`;
}

/** Keeps the newest part of an overlong summary, marked so the model knows the start was cut. */
function bounded(summary: string): string {
  if (summary.length <= MAX_SUMMARY_CHARS) return summary;
  const marker = '- (the earliest part of the conversation is condensed away)\n';
  const tail = summary.slice(summary.length - (MAX_SUMMARY_CHARS - marker.length));
  return marker + tail.slice(tail.indexOf('\n') + 1);
}
