import type { Queryable } from '@/lib/db/client';
import type { FinishedReply } from '@/lib/conversations/messages';

/** One stateless completion's usage, recorded against the caller (RLS sets the user). */
export async function recordApiUsage(tx: Queryable, input: { reply: FinishedReply; companionId: string | null }): Promise<void> {
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

export type ApiUsageRow = { model: string; status: string; inputTokens: number | null; outputTokens: number | null; createdAt: Date };

/** The caller's recorded completions, newest first. */
export function listApiUsage(tx: Queryable, limit = 100): Promise<ApiUsageRow[]> {
  return tx.query<ApiUsageRow>(
    `select model, status, input_tokens as "inputTokens", output_tokens as "outputTokens", created_at as "createdAt"
       from hearth.api_usage order by created_at desc limit $1`,
    [limit],
  );
}
