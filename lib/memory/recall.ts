import { cosine } from '@/lib/ai/embeddings';
import type { Queryable } from '@/lib/db/client';
import { memoryCandidates, type MemoryCandidate } from '@/lib/memory/queries';
import { estimateTokens } from '@/lib/text';
import { queryTerms } from './query';
import type { Memory } from './types';

/** How many prompt tokens memories may take by default (MEMORY_TOKEN_BUDGET overrides it). */
export const DEFAULT_MEMORY_BUDGET = 600;

const MAX_MEMORIES = 20;
const DAY_MS = 86_400_000;

export function memoryBudget(env: Record<string, string | undefined>): number {
  const value = Number(env.MEMORY_TOKEN_BUDGET);
  return Number.isInteger(value) && value >= 0 ? value : DEFAULT_MEMORY_BUDGET;
}

/**
 * Orders candidates by what makes a memory worth bringing up now: how well it matches what the
 * person just said (most of the weight: the words, and the meaning when there is an embedding of
 * what they said), how much it matters, how fresh it is, and whether it is an event coming up soon.
 */
export function rankMemories(
  candidates: MemoryCandidate[],
  now = new Date(),
  said: number[] | null = null,
): MemoryCandidate[] {
  const best = Math.max(0, ...candidates.map((c) => c.relevance));
  const score = (m: MemoryCandidate) => {
    const words = best > 0 ? m.relevance / best : 0;
    const relevance = said ? 0.5 * words + 0.5 * Math.max(0, cosine(m.embedding, said)) : words;
    const importance = (m.importance - 1) / 4;
    const ageDays = (now.getTime() - new Date(m.updatedAt).getTime()) / DAY_MS;
    const recency = Math.exp(-Math.max(0, ageDays) / 45);
    const daysToEvent = m.eventDate ? (Date.parse(m.eventDate) - now.getTime()) / DAY_MS : Infinity;
    const upcoming = daysToEvent > -1 && daysToEvent < 14 ? 0.1 : 0;
    return 0.6 * relevance + 0.25 * importance + 0.15 * recency + upcoming;
  };
  const scored = candidates.map((c) => ({ c, s: score(c) }));
  return scored.sort((a, b) => b.s - a.s || a.c.id.localeCompare(b.c.id)).map((x) => x.c);
}

/** The ranked memories that fit the token budget, in rank order. */
export function withinBudget<T extends Pick<Memory, 'content'>>(ranked: T[], budgetTokens: number): T[] {
  const kept: T[] = [];
  let used = 0;
  for (const memory of ranked) {
    const cost = estimateTokens(memory.content) + 4;
    if (used + cost > budgetTokens) continue;
    kept.push(memory);
    used += cost;
    if (kept.length === MAX_MEMORIES) break;
  }
  return kept;
}

/** The candidates for a reply to `text`: none when memory is off or the budget is 0. */
export function recallCandidates(
  tx: Queryable,
  input: { companionId: string; text: string; budgetTokens: number },
): Promise<MemoryCandidate[]> {
  const terms = recallTerms(input.text, input.budgetTokens);
  return terms ? memoryCandidates(tx, { companionId: input.companionId, terms }) : Promise.resolve([]);
}

/** What recall searches for in `text`; null when the budget leaves no room for memories. */
export function recallTerms(text: string, budgetTokens: number): string[] | null {
  return budgetTokens > 0 ? queryTerms(text) : null;
}

/** The memories a reply should know, best first, within the budget, without their embeddings. */
export function chooseMemories(
  candidates: MemoryCandidate[],
  budgetTokens: number,
  said: number[] | null = null,
  now = new Date(),
): Memory[] {
  return withinBudget(rankMemories(candidates, now, said), budgetTokens).map(withoutScores);
}

function withoutScores(candidate: MemoryCandidate): Memory {
  const memory: Memory & Partial<Pick<MemoryCandidate, 'relevance' | 'embedding'>> = { ...candidate };
  delete memory.relevance;
  delete memory.embedding;
  return memory;
}

/** The memories a reply to `text` should know, best first, within the budget; none when memory is off. */
export async function recallMemories(
  tx: Queryable,
  input: { companionId: string; text: string; budgetTokens: number; said?: number[] | null },
): Promise<Memory[]> {
  return chooseMemories(await recallCandidates(tx, input), input.budgetTokens, input.said ?? null);
}
