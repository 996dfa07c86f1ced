import { z } from 'zod';
import { assertSameSiteWrite } from '@/lib/api/same-origin';
import { requireSessionUser } from '@/lib/auth/session';
import { stopReply } from '@/lib/chat/stop-everywhere';
import { errorResponse } from '@/lib/errors';
import { uuid } from '@/lib/validation/ids';
import { parseWith, readJson } from '@/lib/validation/parse';

const stopRequest = z.object({ conversationId: uuid });

/** Stops the reply being written in a conversation, on whichever instance; the partial text is kept as "aborted". */
export async function POST(request: Request) {
  try {
    assertSameSiteWrite(request);
    const user = await requireSessionUser('Sign in to chat.');
    const { conversationId } = parseWith(stopRequest, await readJson(request));
    return Response.json({ stopped: await stopReply(user, conversationId) });
  } catch (error) {
    return errorResponse(error);
  }
}
