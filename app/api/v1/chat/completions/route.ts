import { completionChunksResponse, completionJson } from '@/lib/api/completion-chunks';
import { apiRoute, preflight } from '@/lib/api/route';
import { startCompletion } from '@/lib/chat/completion';
import { addressOf, holdReservation, takeReplyQuota } from '@/lib/rate-limit';
import { completionRequest } from '@/lib/chat/completion-schemas';
import { parseWith, readJson } from '@/lib/validation/parse';

// A reply streams for as long as the model writes: the most Vercel's Hobby plan allows. The
// generation's own cap (MODEL_TOTAL_TIMEOUT_MS, lib/chat/generation.ts) ends it a little before,
// so the reply is saved before the platform would kill the function.
export const maxDuration = 300;

/** OpenAI-compatible chat completions, streaming or not; `model` is `companion/<slug>` or a model id. */
export const POST = apiRoute(async (request, context, caller) => {
  const input = parseWith(completionRequest, await readJson(request));
  const completion = await holdReservation(
    takeReplyQuota(caller, addressOf(request)),
    (admitted) => admitted.then(() => startCompletion(caller, input)),
    (c) => c.saved,
  );
  return input.stream ? completionChunksResponse(completion) : Response.json(await completionJson(completion));
});

export const OPTIONS = preflight;
