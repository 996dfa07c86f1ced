import { messageEventsResponse } from '@/lib/api/message-events';
import { requireApiUser } from '@/lib/auth/api-user';
import { startChatTurn } from '@/lib/chat/pipeline';
import { errorResponse } from '@/lib/errors';
import { uuid } from '@/lib/validation/chat';
import { parseWith } from '@/lib/validation/parse';

type Context = { params: Promise<{ id: string }> };

/**
 * Streams the reply to the person's latest message, which has none yet (one sent with
 * `reply: false`), as Anthropic-style events. A GET, so a browser's EventSource can open it with
 * the session cookie. 409 when there is nothing to answer.
 */
export async function GET(request: Request, context: Context) {
  try {
    const user = await requireApiUser(request);
    const conversationId = parseWith(uuid, (await context.params).id);
    return messageEventsResponse(await startChatTurn(user, { action: 'answer', conversationId }));
  } catch (error) {
    return errorResponse(error);
  }
}
