import { completionChunksResponse, completionJson } from '@/lib/api/completion-chunks';
import { requireApiUser } from '@/lib/auth/api-user';
import { startCompletion } from '@/lib/chat/completion';
import { errorResponse } from '@/lib/errors';
import { completionRequest } from '@/lib/validation/completions';
import { parseWith, readJson } from '@/lib/validation/parse';

/** OpenAI-compatible chat completions, streaming or not; `model` is `companion/<slug>` or a model id. */
export async function POST(request: Request) {
  try {
    const user = await requireApiUser(request);
    const input = parseWith(completionRequest, await readJson(request));
    const completion = await startCompletion(user, input);
    return input.stream ? completionChunksResponse(completion) : Response.json(await completionJson(completion));
  } catch (error) {
    return errorResponse(error);
  }
}
