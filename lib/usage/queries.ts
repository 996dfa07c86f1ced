import type { Queryable } from '@/lib/db/client';

export type UsageRange = { from: Date; to: Date };
export type UsageGrouping = 'day' | 'model' | 'companion';

export type UsageTotals = {
  messages: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  avgLatencyMs: number | null;
  p95TtftMs: number | null;
};

export type UsageGroup = { key: string; messages: number; inputTokens: number; outputTokens: number; costUsd: number };

// Replies a model wrote in [from, to): greetings are assistant messages too, but have no model.
// RLS limits them to the caller's own conversations.
const REPLIES = `from hearth.messages m
  where m.role = 'assistant' and m.model is not null and m.created_at >= $1 and m.created_at < $2`;

// Sums come back as bigint or numeric, which pg hands over as strings; float8 arrives as a number.
const SUMS = `count(*)::float8 as messages, coalesce(sum(m.input_tokens), 0)::float8 as "inputTokens",
  coalesce(sum(m.output_tokens), 0)::float8 as "outputTokens", coalesce(sum(m.cost_usd), 0)::float8 as "costUsd"`;

export async function usageTotals(tx: Queryable, { from, to }: UsageRange): Promise<UsageTotals> {
  const [row] = await tx.query<UsageTotals>(
    `select ${SUMS}, round(avg(m.latency_ms))::float8 as "avgLatencyMs",
            round(percentile_cont(0.95) within group (order by m.ttft_ms))::float8 as "p95TtftMs"
     ${REPLIES}`,
    [from, to],
  );
  return row!;
}

// Days are UTC calendar days; a companion is its slug, or its id once it is no longer listed.
const GROUP_KEYS: Record<UsageGrouping, string> = {
  day: `to_char(m.created_at at time zone 'UTC', 'YYYY-MM-DD')`,
  model: 'm.model',
  companion: `(select coalesce(p.slug, c.companion_id::text) from hearth.conversations c
                 left join hearth.companions p on p.id = c.companion_id where c.id = m.conversation_id)`,
};

/** Usage per day, model or companion, largest cost first (days in order). */
export function usageGroups(tx: Queryable, range: UsageRange, groupBy: UsageGrouping): Promise<UsageGroup[]> {
  return tx.query<UsageGroup>(
    `select ${GROUP_KEYS[groupBy]} as key, ${SUMS} ${REPLIES}
      group by 1 order by ${groupBy === 'day' ? 'key' : '"costUsd" desc, messages desc, key'}`,
    [range.from, range.to],
  );
}
