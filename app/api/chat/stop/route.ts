import { z } from 'zod';
import { requireSessionUser } from '@/lib/auth/session';
import { stopEverywhere } from '@/lib/chat/stop-everywhere';
import { getConversation } from '@/lib/db/conversations';
import { withUser } from '@/lib/db/scope';
import { errorResponse, HearthError } from '@/lib/errors';
import { uuid } from '@/lib/validation/chat';
import { parseWith, readJson } from '@/lib/validation/parse';

const stopRequest = z.object({ conversationId: uuid });

/** Stops the reply being written in a conversation; the partial text is kept as "aborted". */
export async function POST(request: Request) {
  try {
    const user = await requireSessionUser('Sign in to chat.');
    const { conversationId } = parseWith(stopRequest, await readJson(request));
    const visible = await withUser(user, (tx) => getConversation(tx, conversationId));
    if (!visible) throw new HearthError('not_found', 'This conversation does not exist.');
    return Response.json({ stopped: await stopEverywhere(conversationId) });
  } catch (error) {
    return errorResponse(error);
  }
}
