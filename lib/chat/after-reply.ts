import { after } from 'next/server';
import type { ResolvedModel } from '@/lib/ai/registry';
import type { Database } from '@/lib/db/client';
import type { RollingSummary } from '@/lib/conversations/queries';
import type { FinishedReply } from '@/lib/conversations/messages';
import type { UserScope } from '@/lib/db/scope';
import type { Env } from '@/lib/ai/providers';
import { embedNewMemories } from '@/lib/memory/embed';
import { foldConversation, rememberExchange } from '@/lib/memory/remember';
import { memoryModelTimeoutMs, withinDailyBudget } from '@/lib/memory/spend';

export type AfterReplyInput = {
  saved: Promise<FinishedReply>;
  /** The model that answered, known once the reply is saved. */
  answeredBy: () => ResolvedModel;
  conversationId: string;
  companionId: string;
  /** What the person said this turn, to learn from; null for a regenerated reply. */
  userMessage: { id: string; text: string } | null;
  usedMemoryIds: string[];
  summary: RollingSummary;
  /** The history the turn answered (the reply is added to it once saved). */
  history: readonly { text: string }[];
  /** 'rules': learn with the rules even when a real model answered, at no model cost. */
  extractor: MemoryExtractor;
  /** Where the embedding model (MEMORY_EMBEDDING_MODEL) and its key are read from. */
  env: Env;
};

export type MemoryExtractor = 'model' | 'rules';

/** MEMORY_EXTRACTOR: 'model' (default: the model that answered, the rules for the offline one) or 'rules'. */
export function memoryExtractor(env: Record<string, string | undefined>): MemoryExtractor {
  return env.MEMORY_EXTRACTOR === 'rules' ? 'rules' : 'model';
}

const pending = new Set<Promise<void>>();

/** Settles once every turn's memory work so far is done: for shutdown, tests and benchmarks. */
export async function afterRepliesSettled(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}

/**
 * The turn's memory work, once the reply is saved and so off the path to the first token:
 * learn from what the person said, stamp the memories used, and fold the oldest turns into the
 * rolling summary when the history outgrows the context window. Failures are logged, never
 * shown: the reply has already been given.
 */
export function afterReply(user: UserScope, input: AfterReplyInput, db?: Database): Promise<void> {
  const work = input.saved.then(async (reply) => {
    const answeredBy = input.answeredBy();
    // The offline model has no judgement to lend; the rules and excerpts stand in for it, and for
    // a model the person has no budget left for today (they cost nothing).
    const wantsModel = !answeredBy.isOffline && input.extractor !== 'rules';
    const model = wantsModel && (await withinDailyBudget(user, input.env, db)) ? answeredBy.model : null;
    const call = { modelId: answeredBy.id, timeoutMs: memoryModelTimeoutMs(input.env) };
    if (input.userMessage) {
      await rememberExchange(
        user,
        {
          companionId: input.companionId,
          conversationId: input.conversationId,
          userMessage: input.userMessage,
          reply: reply.text,
          model,
          usedMemoryIds: input.usedMemoryIds,
          ...call,
        },
        db,
      );
      // Unembedded memories are recalled by their words and embedded after a later reply.
      await embedNewMemories(user, input.companionId, input.env, db).catch((error: unknown) =>
        console.warn(`[memory] embedding new memories failed: ${(error as Error).message}`),
      );
    }
    await foldConversation(
      user,
      {
        conversationId: input.conversationId,
        summary: input.summary,
        contextWindow: answeredBy.contextWindow,
        model,
        turnHistory: [...input.history, { text: reply.text }],
        ...call,
      },
      db,
    );
  });
  const logged = work.catch((error: unknown) => console.error('[memory] after the reply:', error));
  pending.add(logged);
  void logged.then(() => pending.delete(logged));
  keepAlive(logged);
  return logged;
}

/**
 * Keeps a serverless function alive until the work is done (Next.js `after`). Outside a request
 * (tests, scripts, benchmarks) `after` throws, and the promise simply runs on in the process.
 */
function keepAlive(work: Promise<unknown>): void {
  try {
    after(work);
  } catch {
    // Not inside a request scope.
  }
}
