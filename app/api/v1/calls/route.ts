import { callJson } from '@/lib/calls/json';
import { apiRoute, preflight } from '@/lib/api/route';
import { createCall } from '@/lib/calls/calls';
import { createCallRequest } from '@/lib/calls/schemas';
import { parseWith, readJson } from '@/lib/validation/parse';

/** Starts a call with a companion: `waiting` until its first turn, expiring an hour after it is made. */
export const POST = apiRoute(async (request, context, caller) => {
  const input = parseWith(createCallRequest, await readJson(request));
  return Response.json(callJson(await createCall(caller, input)), { status: 201 });
});

export const OPTIONS = preflight;
