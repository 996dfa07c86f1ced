import { messageEventsResponse } from '@/lib/api/message-events';
import { apiRoute, preflight } from '@/lib/api/route';
import { startChatTurn } from '@/lib/chat/pipeline';
import { addressOf, holdReservation, takeReplyQuota } from '@/lib/rate-limit';
import { uuid } from '@/lib/validation/ids';
import { parseWith } from '@/lib/validation/parse';

// A reply streams for as long as the model writes: the most Vercel's Hobby plan allows. The
// generation's own cap (MODEL_TOTAL_TIMEOUT_MS, lib/chat/generation.ts) ends it a little before,
// so the reply is saved before the platform would kill the function.
export const maxDuration = 300;

/**
 * Streams the reply to the person's latest message, which has none yet (one sent with
 * `reply: false`), as Anthropic-style events. A POST: starting a reply is work a link, an <img>
 * or a page's navigation must not be able to start (a GET did, with the session cookie). 409 when
 * there is nothing to answer.
 */
export const POST = apiRoute<{ id: string }>(async (request, context, caller) => {
  const conversationId = parseWith(uuid, (await context.params).id);
  return messageEventsResponse(
    await holdReservation(
      takeReplyQuota(caller, addressOf(request)),
      (admitted) => startChatTurn(caller, { action: 'answer', conversationId }, { admitted }),
      (t) => t.saved,
    ),
  );
});

export const OPTIONS = preflight;
