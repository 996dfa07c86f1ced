import { messageJson } from '@/lib/api/messages';
import { requireApiUser } from '@/lib/auth/api-user';
import { pageOfMessages } from '@/lib/chat/conversations';
import { errorResponse, HearthError } from '@/lib/errors';
import { pathId } from '@/lib/validation/chat';
import { listMessagesQuery } from '@/lib/validation/conversations';
import { parseWith, queryOf } from '@/lib/validation/parse';

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
