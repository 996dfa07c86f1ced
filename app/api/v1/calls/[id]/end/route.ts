import { callJson } from '@/lib/calls/json';
import { apiRoute, preflight } from '@/lib/api/route';
import { hangUp } from '@/lib/calls/calls';
import { disconnectLiveCall } from '@/lib/calls/media/live-calls';
import { pathId } from '@/lib/validation/ids';
import { endCallRequest } from '@/lib/calls/schemas';
import { parseWith, readJson } from '@/lib/validation/parse';

/** Hangs up (again is fine: an ended call is answered as it is), recording duration and cost. The body is optional. */
export const POST = apiRoute<{ id: string }>(async (request, context, caller) => {
  const { id } = parseWith(pathId, await context.params);
  const input = parseWith(endCallRequest, (await hasBody(request)) ? await readJson(request) : {});
  const playback = input.playback && { turnId: input.playback.turn_id, playbackMs: input.playback.playback_ms };
  const ended = await hangUp(caller, id, { playback });
  // Its media, when this process carries it, goes with it (a live reply is saved as interrupted).
  await disconnectLiveCall(caller, id);
  return Response.json(callJson(ended));
});

async function hasBody(request: Request): Promise<boolean> {
  if (request.headers.get('content-length') === '0' || !request.body) return false;
  return (request.headers.get('content-type') ?? '').includes('json') || request.headers.has('content-length');
}

export const OPTIONS = preflight;
