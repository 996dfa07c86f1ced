import { textOf, type StoredMessage } from '@/lib/db/messages';

/** A message as the REST API shows it. */
export function messageJson(m: StoredMessage) {
  return {
    id: m.id,
    role: m.role,
    content: textOf(m),
    parts: m.parts,
    model: m.model,
    status: m.status,
    usage: { input_tokens: m.inputTokens, output_tokens: m.outputTokens, estimated: m.usageEstimated },
    fallbacks: m.fallbacks ?? [],
    cost_usd: m.costUsd,
    ttft_ms: m.ttftMs,
    latency_ms: m.latencyMs,
    created_at: m.createdAt,
  };
}
