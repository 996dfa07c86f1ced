import { messageEventsResponse } from '@/lib/api/message-events';
import { messageJson } from '@/lib/api/messages';
import { requireApiUser } from '@/lib/auth/api-user';
import { pageOfMessages } from '@/lib/chat/conversations';
import { finishedTurn, saveUserMessage, startChatTurn } from '@/lib/chat/pipeline';
import { errorResponse, HearthError } from '@/lib/errors';
import { postMessageRequest } from '@/lib/validation/api-messages';
import { pathId } from '@/lib/validation/chat';
import { listMessagesQuery } from '@/lib/validation/conversations';
import { parseWith, queryOf, readJson } from '@/lib/validation/parse';

type Context = { params: Promise<{ id: string }> };

/**
 * A conversation's messages, oldest first, `limit` at a time (default 100, at most 500). The first
 * page holds the oldest messages; `next_cursor` continues forward and is null on the last page.
 */
export async function GET(request: Request, context: Context) {
  try {
    const user = await requireApiUser(request);
    const { id } = parseWith(pathId, await context.params);
    const page = await pageOfMessages(user, id, parseWith(listMessagesQuery, queryOf(request)));
    if (!page) throw new HearthError('not_found', 'This conversation does not exist.');
    return Response.json({ data: page.items.map(messageJson), next_cursor: page.nextCursor });
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
    const { id: conversationId } = parseWith(pathId, await context.params);
    const input = parseWith(postMessageRequest, await readJson(request));
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
