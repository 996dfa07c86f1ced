import type { UsageReport } from '@/lib/usage/report';

export function usageJson({ totals, groups }: UsageReport) {
  return {
    totals: {
      messages: totals.messages,
      input_tokens: totals.inputTokens,
      output_tokens: totals.outputTokens,
      cost_usd: totals.costUsd,
      avg_latency_ms: totals.avgLatencyMs,
      p95_ttft_ms: totals.p95TtftMs,
    },
    groups: groups.map((g) => ({ key: g.key, messages: g.messages, input_tokens: g.inputTokens, output_tokens: g.outputTokens, cost_usd: g.costUsd })),
  };
}
