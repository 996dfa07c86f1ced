import { messageEventsResponse } from '@/lib/api/message-events';
import { messageJson } from '@/lib/api/message-json';
import { requireApiUser } from '@/lib/auth/api-user';
import { openConversation } from '@/lib/chat/conversations';
import { finishedTurn, saveUserMessage, startChatTurn } from '@/lib/chat/pipeline';
import { errorResponse, HearthError } from '@/lib/errors';
import { postMessageRequest } from '@/lib/validation/api-messages';
import { uuid } from '@/lib/validation/chat';
import { MAX_API_BODY_BYTES } from '@/lib/validation/limits';
import { parseWith, readJson } from '@/lib/validation/parse';

type Context = { params: Promise<{ id: string }> };

/** A conversation's messages, oldest first. */
export async function GET(request: Request, context: Context) {
  try {
    const user = await requireApiUser(request);
    const open = await openConversation(user, parseWith(uuid, (await context.params).id));
    if (!open) throw new HearthError('not_found', 'This conversation does not exist.');
    return Response.json({
      data: open.messages.map(messageJson),
      next_cursor: null,
    });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * Adds a message of the person's and, unless `reply` is false, the companion's reply: as
 * Anthropic-style events with `stream: true`, else both messages once the reply is saved.
 */
export async function POST(request: Request, context: Context) {
  try {
    const user = await requireApiUser(request);
    const conversationId = parseWith(uuid, (await context.params).id);
    const input = parseWith(postMessageRequest, await readJson(request, { maxBytes: MAX_API_BODY_BYTES }));
    if (!input.reply) {
      const message = await saveUserMessage(user, { conversationId, text: input.content });
      return Response.json({ message: messageJson(message) }, { status: 201 });
    }
    const turn = await startChatTurn(user, { action: 'send', conversationId, text: input.content, model: input.model });
    if (input.stream) return messageEventsResponse(turn);
    const { userMessage, assistantMessage } = await finishedTurn(user, turn);
    return Response.json(
      { user_message: userMessage && messageJson(userMessage), assistant_message: messageJson(assistantMessage) },
      { status: 201 },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
