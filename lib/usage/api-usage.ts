import type { Queryable } from '@/lib/db/client';
import type { FinishedReply } from '@/lib/conversations/messages';

/** One stateless completion's usage, recorded against the caller (RLS sets the user). */
export async function recordApiUsage(
  tx: Queryable,
  input: { reply: FinishedReply; companionId: string | null },
): Promise<void> {
  const { reply } = input;
  await tx.query(
    `insert into hearth.api_usage (model, companion_id, status, input_tokens, output_tokens, usage_estimated, cost_usd)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      reply.model,
      input.companionId,
      reply.status,
      reply.inputTokens ?? null,
      reply.outputTokens ?? null,
      reply.usageEstimated ?? false,
      reply.costUsd ?? null,
    ],
  );
}
