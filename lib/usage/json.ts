import { z } from 'zod';
import type { UsageReport } from '@/lib/usage/report';

const usageSums = {
  messages: z.number().int(),
  input_tokens: z.number().int(),
  output_tokens: z.number().int(),
  cost_usd: z.number(),
};

export const usageJsonSchema = z
  .object({
    totals: z.object({ ...usageSums, avg_latency_ms: z.number().nullable(), p95_ttft_ms: z.number().nullable() }),
    groups: z.array(z.object({ key: z.string(), ...usageSums })),
  })
  .meta({ id: 'UsageReport' });

export function usageJson({ totals, groups }: UsageReport): z.output<typeof usageJsonSchema> {
  return {
    totals: {
      messages: totals.messages,
      input_tokens: totals.inputTokens,
      output_tokens: totals.outputTokens,
      cost_usd: totals.costUsd,
      avg_latency_ms: totals.avgLatencyMs,
      p95_ttft_ms: totals.p95TtftMs,
    },
    groups: groups.map((g) => ({
      key: g.key,
      messages: g.messages,
      input_tokens: g.inputTokens,
      output_tokens: g.outputTokens,
      cost_usd: g.costUsd,
    })),
  };
}
