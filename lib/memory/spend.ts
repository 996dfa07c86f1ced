import type { LanguageModelUsage } from 'ai';
import { costUsd } from '@/lib/ai/catalogue';
import type { Env } from '@/lib/ai/providers';
import type { Database, Queryable } from '@/lib/db/client';
import { withUser, type UserScope } from '@/lib/db/scope';
import { tierOf } from '@/lib/rate-limit/limits';
import { spendConfig } from '@/lib/rate-limit/spend-limits';

/** The longest memory extraction or a rolling summary may wait on its model by default. */
export const DEFAULT_MEMORY_MODEL_TIMEOUT_MS = 30_000;

/** MEMORY_MODEL_TIMEOUT_MS: past it, the call is aborted and the rules (or excerpts) stand in. */
export function memoryModelTimeoutMs(env: Env): number {
  const value = Number(env.MEMORY_MODEL_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_MEMORY_MODEL_TIMEOUT_MS;
}

/** What a memory model call used, added up over the calls of one piece of work. */
export class ModelSpend {
  inputTokens = 0;
  outputTokens = 0;

  add(usage: LanguageModelUsage): void {
    this.inputTokens += usage.inputTokens ?? 0;
    this.outputTokens += usage.outputTokens ?? 0;
  }

  get tokens(): number {
    return this.inputTokens + this.outputTokens;
  }

  /** Counts it into the person's spend today (the same daily budget as their replies), inside their scope. */
  async record(tx: Queryable, modelId: string): Promise<void> {
    if (this.tokens === 0) return;
    const cost = costUsd(modelId, { inputTokens: this.inputTokens, outputTokens: this.outputTokens }) ?? 0;
    await tx.query('select hearth.record_own_spend($1::bigint, $2::double precision)', [this.tokens, cost]);
  }
}

/**
 * Whether the person may still spend tokens today (BUDGET_TOKENS_PER_DAY for their role): memory
 * work past the budget skips its model and uses the rules and excerpts, which cost nothing.
 */
export async function withinDailyBudget(
  user: UserScope & { isGuest?: boolean },
  env: Env,
  db?: Database,
): Promise<boolean> {
  const budget = spendConfig(env).tokensPerDay[tierOf({ role: user.role ?? 'user', isGuest: user.isGuest })];
  if (budget === 0) return true;
  const [row] = await withUser(
    user,
    (tx) =>
      tx.query<{ tokens: string | number }>(
        "select tokens from hearth.spend_daily where day = (now() at time zone 'UTC')::date",
      ),
    db,
  );
  return Number(row?.tokens ?? 0) < budget;
}
