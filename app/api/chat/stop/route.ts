import { z } from 'zod';
import { sessionRoute } from '@/lib/api/route';
import { stopReply } from '@/lib/chat/stop-everywhere';
import { uuid } from '@/lib/validation/ids';
import { parseWith, readJson } from '@/lib/validation/parse';

const stopRequest = z.object({ conversationId: uuid });

/** Stops the reply being written in a conversation, on whichever instance; the partial text is kept as "aborted". */
export const POST = sessionRoute(
  async (request, _context, user) => {
    const { conversationId } = parseWith(stopRequest, await readJson(request));
    return Response.json({ stopped: await stopReply(user, conversationId) });
  },
  { signIn: 'Sign in to chat.' },
);
