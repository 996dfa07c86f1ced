import { requireApiUser } from '@/lib/auth/api-user';
import { openConversation } from '@/lib/chat/conversations';
import { textOf } from '@/lib/db/messages';
import { errorResponse, HearthError } from '@/lib/errors';
import { uuid } from '@/lib/validation/chat';
import { parseWith } from '@/lib/validation/parse';

type Context = { params: Promise<{ id: string }> };

/** A conversation's messages, oldest first. */
export async function GET(request: Request, context: Context) {
  try {
    const user = await requireApiUser(request);
    const open = await openConversation(user, parseWith(uuid, (await context.params).id));
    if (!open) throw new HearthError('not_found', 'This conversation does not exist.');
    return Response.json({
      data: open.messages.map((m) => ({
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
      })),
      next_cursor: null,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
