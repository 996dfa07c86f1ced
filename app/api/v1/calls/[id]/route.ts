import { callJson } from '@/lib/calls/json';
import { apiRoute, preflight } from '@/lib/api/route';
import { findCall } from '@/lib/calls/calls';
import { pathId } from '@/lib/validation/ids';
import { parseWith } from '@/lib/validation/parse';

/** A call: its state, duration, cost and every turn's timings. */
export const GET = apiRoute<{ id: string }>(async (request, context, caller) => {
  const { id } = parseWith(pathId, await context.params);
  return Response.json(callJson(await findCall(caller, id)));
});

export const OPTIONS = preflight;
