import { apiRoute, preflight } from '@/lib/api/route';
import { messageJson } from '@/lib/conversations/message-json';
import { editReplyRequest } from '@/lib/conversations/message-schemas';
import { editCompanionReply } from '@/lib/conversations/service';
import { messagePath } from '@/lib/validation/ids';
import { parseWith, readJson } from '@/lib/validation/parse';

/**
 * Edits one of the companion's replies as a new branch: the edit is what the conversation goes on
 * from, the reply as written stays as its alternative. To edit a message of your own (and have it
 * answered again), post it with `edit_of`.
 */
export const PATCH = apiRoute<{ id: string; messageId: string }>(async (request, context, caller) => {
  const { id, messageId } = parseWith(messagePath, await context.params);
  const { content } = parseWith(editReplyRequest, await readJson(request));
  const edited = await editCompanionReply(caller, { conversationId: id, messageId, text: content });
  return Response.json({ message: messageJson(edited) }, { status: 201 });
});

export const OPTIONS = preflight;
