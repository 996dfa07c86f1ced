import { apiRoute, preflight } from '@/lib/api/route';
import { messageJson } from '@/lib/conversations/message-json';
import { chooseBranchRequest } from '@/lib/conversations/message-schemas';
import { chooseConversationBranch, pageOfNewestMessages } from '@/lib/conversations/service';
import { HearthError } from '@/lib/errors';
import { pathId } from '@/lib/validation/ids';
import { parseWith, readJson } from '@/lib/validation/parse';

/**
 * Moves the conversation onto the branch through `message_id`, any message of it: the message list
 * reads along that branch from then on, and the next message continues it. Answers the newest
 * messages of the branch, as GET …/messages would list them at its end.
 */
export const POST = apiRoute<{ id: string }>(async (request, context, caller) => {
  const { id } = parseWith(pathId, await context.params);
  const { message_id } = parseWith(chooseBranchRequest, await readJson(request));
  await chooseConversationBranch(caller, id, message_id);
  const page = await pageOfNewestMessages(caller, id, null);
  if (!page) throw new HearthError('not_found', 'This conversation does not exist.');
  return Response.json({ data: page.items.map(messageJson) });
});

export const OPTIONS = preflight;
