import { textOf, type StoredMessage } from '@/lib/conversations/messages';
import { uploadIdOf } from '@/lib/uploads/service';

/** A message as the REST API shows it, with what its reply used and cost. */
export function messageJson(m: StoredMessage) {
  return {
    id: m.id,
    role: m.role,
    content: textOf(m),
    parts: m.parts,
    attachments: m.parts.flatMap((part) => (part.type === 'file' ? (uploadIdOf(part.url) ?? []) : [])),
    model: m.model,
    status: m.status,
    source: m.source,
    usage: { input_tokens: m.inputTokens, output_tokens: m.outputTokens, estimated: m.usageEstimated },
    fallbacks: m.fallbacks ?? [],
    cost_usd: m.costUsd,
    ttft_ms: m.ttftMs,
    latency_ms: m.latencyMs,
    created_at: m.createdAt,
  };
}
