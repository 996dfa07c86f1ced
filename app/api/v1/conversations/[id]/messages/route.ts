import { messageEventsResponse } from '@/lib/api/message-events';
import { messageJson, savedMessageJson, turnJson } from '@/lib/conversations/message-json';
import { apiRoute, preflight } from '@/lib/api/route';
import { pageOfMessages } from '@/lib/conversations/service';
import { finishedTurn, saveUserMessage, startChatTurn } from '@/lib/chat/pipeline';
import { HearthError } from '@/lib/errors';
import { addressOf, holdReservation, takeReplyQuota } from '@/lib/rate-limit';
import { postMessageRequest } from '@/lib/conversations/message-schemas';
import { pathId } from '@/lib/validation/ids';
import { listMessagesQuery } from '@/lib/conversations/schemas';
import { parseWith, queryOf, readJson } from '@/lib/validation/parse';

// A reply streams for as long as the model writes: the most Vercel's Hobby plan allows. The
// generation's own cap (MODEL_TOTAL_TIMEOUT_MS, lib/chat/generation.ts) ends it a little before,
// so the reply is saved before the platform would kill the function.
export const maxDuration = 300;

/**
 * A conversation's messages, oldest first, `limit` at a time (default 100, at most 500). The first
 * page holds the oldest messages; `next_cursor` continues forward and is null on the last page.
 */
export const GET = apiRoute<{ id: string }>(async (request, context, caller) => {
  const { id } = parseWith(pathId, await context.params);
  const page = await pageOfMessages(caller, id, parseWith(listMessagesQuery, queryOf(request)));
  if (!page) throw new HearthError('not_found', 'This conversation does not exist.');
  return Response.json({ data: page.items.map(messageJson), next_cursor: page.nextCursor });
});

/**
 * Adds a message of the person's and, unless `reply` is false, the companion's reply: as
 * Anthropic-style events with `stream: true`, else both messages once the reply is saved.
 */
export const POST = apiRoute<{ id: string }>(async (request, context, caller) => {
  const { id: conversationId } = parseWith(pathId, await context.params);
  const input = parseWith(postMessageRequest, await readJson(request));
  if (!input.reply) {
    const message = await saveUserMessage(caller, {
      conversationId,
      text: input.content,
      attachments: input.attachments,
    });
    return Response.json(savedMessageJson(message), { status: 201 });
  }
  const turn = await holdReservation(
    takeReplyQuota(caller, addressOf(request)),
    (admitted) =>
      startChatTurn(
        caller,
        input.edit_of && input.content
          ? { action: 'edit', conversationId, messageId: input.edit_of, text: input.content, model: input.model }
          : { action: 'send', conversationId, text: input.content, attachments: input.attachments, model: input.model },
        { admitted },
      ),
    (t) => t.saved,
  );
  if (input.stream) return messageEventsResponse(turn);
  const { userMessage, assistantMessage } = await finishedTurn(caller, turn);
  return Response.json(turnJson(userMessage, assistantMessage), { status: 201 });
});

export const OPTIONS = preflight;
