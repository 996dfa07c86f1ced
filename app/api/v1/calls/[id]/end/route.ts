import { callJson } from '@/lib/api/calls';
import { apiRoute, preflight } from '@/lib/api/route';
import { hangUp } from '@/lib/calls/calls';
import { pathId } from '@/lib/validation/chat';
import { endCallRequest } from '@/lib/validation/calls';
import { parseWith, readJson } from '@/lib/validation/parse';

/** Hangs up (again is fine: an ended call is answered as it is), recording duration and cost. */
export const POST = apiRoute<{ id: string }>(async (request, context, caller) => {
  const { id } = parseWith(pathId, await context.params);
  const hasBody = Number(request.headers.get('content-length') ?? 0) > 0 || request.headers.has('transfer-encoding');
  const input = hasBody ? parseWith(endCallRequest, await readJson(request)) : {};
  return Response.json(callJson(await hangUp(caller, id, { playback: input.playback && { turnId: input.playback.turn_id, playbackMs: input.playback.playback_ms } })));
});

export const OPTIONS = preflight;
