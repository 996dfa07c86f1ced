import { apiRoute, preflight } from '@/lib/api/route';
import { messageJson } from '@/lib/conversations/message-json';
import { rateReply } from '@/lib/conversations/ratings';
import { rateReplyRequest } from '@/lib/conversations/rating-schemas';
import { messagePath } from '@/lib/validation/ids';
import { parseWith, readJson } from '@/lib/validation/parse';

type Params = { id: string; messageId: string };

/** Thumbs up (`value: 1`) or down (`-1`) on a companion's reply; answers the message. Setting it again changes nothing. */
export const PUT = apiRoute<Params>(async (request, context, caller) => {
  const { id, messageId } = parseWith(messagePath, await context.params);
  const { value } = parseWith(rateReplyRequest, await readJson(request));
  return Response.json(messageJson(await rateReply(caller, { conversationId: id, messageId, rating: value })));
});

/** Clears the reply's rating (nothing to clear is not an error). */
export const DELETE = apiRoute<Params>(async (request, context, caller) => {
  const { id, messageId } = parseWith(messagePath, await context.params);
  await rateReply(caller, { conversationId: id, messageId, rating: null });
  return new Response(null, { status: 204 });
});

export const OPTIONS = preflight;
