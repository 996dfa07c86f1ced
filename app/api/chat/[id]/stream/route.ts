import { sessionRoute } from '@/lib/api/route';
import { resumeReplyResponse } from '@/lib/chat/resume/http';
import { pathId } from '@/lib/validation/ids';
import { parseWith } from '@/lib/validation/parse';

// A reply streams for as long as the model writes: the most Vercel's Hobby plan allows. The
// generation's own cap (MODEL_TOTAL_TIMEOUT_MS, lib/chat/generation.ts) ends it a little before,
// so the reply is saved before the platform would kill the function.
export const maxDuration = 300;

/** Reconnects the web chat to the reply being written in a conversation (replayed, then live); 204 when none is. */
export const GET = sessionRoute<{ id: string }>(
  async (_request, context, user) => {
    const { id } = parseWith(pathId, await context.params);
    return resumeReplyResponse(user, id);
  },
  { signIn: 'Sign in to chat.' },
);
