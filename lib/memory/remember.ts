import type { LanguageModel } from 'ai';
import type { Database } from '@/lib/db/client';
import { advanceSummary, type RollingSummary } from '@/lib/conversations/queries';
import { getMemorySettings, markMemoriesUsed } from '@/lib/memory/queries';
import { listHistory } from '@/lib/conversations/messages';
import { withUser, type UserScope } from '@/lib/db/scope';
import { applyChanges, changesByModel, changesByRules, type Exchange } from './extract';
import { recallMemories } from './recall';
import { ModelSpend } from './spend';
import { foldPlan, outgrows, summarize } from './summary';
import type { MemoryChange } from './types';

// Folding keeps the unsummarized part short, so this is only reached by a conversation that
// predates summaries; it then catches up a fold at a time.
const UNSUMMARIZED_READ_LIMIT = 5_000;

/** Which model a memory call uses (its catalogue id, for the cost) and how long it may take. */
type MemoryModelCall = { modelId?: string; timeoutMs?: number };

// How many related memories a model sees when it decides what changes.
const RELATED_FOR_MODEL = 15;

/**
 * Learns from one exchange, after the reply is out: the rules when the offline model answered
 * (or a real model's extraction fails), else the conversation's model with a schema. Also stamps
 * the memories the reply was given as used. Nothing happens while memory is off for the companion.
 */
export async function rememberExchange(
  user: UserScope,
  input: Omit<Exchange, 'shared'> & { model: LanguageModel | null; usedMemoryIds: string[] } & MemoryModelCall,
  db?: Database,
): Promise<MemoryChange[]> {
  const { model, usedMemoryIds, modelId, timeoutMs, ...rest } = input;
  const prepared = await withUser(
    user,
    async (tx) => {
      await markMemoriesUsed(tx, usedMemoryIds);
      const settings = await getMemorySettings(tx, input.companionId);
      if (!settings.enabled) return null;
      const exchange: Exchange = { ...rest, shared: settings.shared };
      const related = model
        ? await recallMemories(tx, {
            companionId: input.companionId,
            text: input.userMessage.text,
            budgetTokens: 10_000,
          })
        : [];
      return { exchange, related: related.slice(0, RELATED_FOR_MODEL) };
    },
    db,
  );
  if (!prepared) return [];
  const { exchange, related } = prepared;

  let fromModel: MemoryChange[] | null = null;
  const spend = new ModelSpend();
  if (model) {
    fromModel = await changesByModel(model, exchange, related, {
      timeoutMs,
      onUsage: (usage) => spend.add(usage),
    }).catch((error: unknown) => {
      console.warn(`[memory] extraction by model failed, using the rules instead: ${(error as Error).message}`);
      return null;
    });
  }
  return withUser(
    user,
    async (tx) => {
      const changes = fromModel ?? (await changesByRules(tx, exchange));
      await applyChanges(tx, exchange, changes);
      await spend.record(tx, modelId ?? '');
      return changes;
    },
    db,
  );
}

/**
 * Folds the oldest turns into the conversation's rolling summary once the history outgrows the
 * model's context window; returns whether it did.
 */
export async function foldConversation(
  user: UserScope,
  input: {
    conversationId: string;
    summary: RollingSummary;
    contextWindow: number;
    model: LanguageModel | null;
    /** What the turn itself read and wrote: while that fits, the history is not read again. */
    turnHistory: readonly { text: string }[];
  } & MemoryModelCall,
  db?: Database,
): Promise<boolean> {
  if (!outgrows(input.turnHistory, input.contextWindow)) return false;
  const history = await withUser(
    user,
    (tx) => listHistory(tx, input.conversationId, UNSUMMARIZED_READ_LIMIT, { afterSeq: input.summary.throughSeq }),
    db,
  );
  const plan = foldPlan(history, input.contextWindow);
  if (!plan) return false;
  const spend = new ModelSpend();
  const text = await summarize(input.summary.text, plan.folded, input.model, {
    timeoutMs: input.timeoutMs,
    onUsage: (usage) => spend.add(usage),
  }).catch(() => summarize(input.summary.text, plan.folded, null));
  return withUser(
    user,
    async (tx) => {
      await spend.record(tx, input.modelId ?? '');
      return advanceSummary(tx, input.conversationId, {
        text,
        throughSeq: plan.throughSeq,
        previousThroughSeq: input.summary.throughSeq,
      });
    },
    db,
  );
}
