import { apiRoute, preflight } from '@/lib/api/route';
import { treeMessageJson } from '@/lib/conversations/message-json';
import { messageTreeQuery } from '@/lib/conversations/message-schemas';
import { messageTreePage } from '@/lib/conversations/service';
import { HearthError } from '@/lib/errors';
import { pathId } from '@/lib/validation/ids';
import { parseWith, queryOf } from '@/lib/validation/parse';

/**
 * Every message of the conversation on every branch, in the order they were written (a message
 * always after the one it follows), `limit` at a time; `active` marks the branch the message list
 * reads along.
 */
export const GET = apiRoute<{ id: string }>(async (request, context, caller) => {
  const { id } = parseWith(pathId, await context.params);
  const page = await messageTreePage(caller, id, parseWith(messageTreeQuery, queryOf(request)));
  if (!page) throw new HearthError('not_found', 'This conversation does not exist.');
  return Response.json({ data: page.items.map(treeMessageJson), next_cursor: page.nextCursor });
});

export const OPTIONS = preflight;
