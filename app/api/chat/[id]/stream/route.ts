import { requireSessionUser } from '@/lib/auth/session';
import { resumeReplyResponse } from '@/lib/chat/resume/http';
import { errorResponse } from '@/lib/errors';
import { pathId } from '@/lib/validation/ids';
import { parseWith } from '@/lib/validation/parse';

// A reply streams for as long as the model writes: the most Vercel's Hobby plan allows. The
// generation's own cap (MODEL_TOTAL_TIMEOUT_MS, lib/chat/generation.ts) ends it a little before,
// so the reply is saved before the platform would kill the function.
export const maxDuration = 300;

type Context = { params: Promise<{ id: string }> };

/** Reconnects the web chat to the reply being written in a conversation (replayed, then live); 204 when none is. */
export async function GET(_request: Request, context: Context) {
  try {
    const user = await requireSessionUser('Sign in to chat.');
    const { id } = parseWith(pathId, await context.params);
    return await resumeReplyResponse(user, id);
  } catch (error) {
    return errorResponse(error);
  }
}
