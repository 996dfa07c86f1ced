import { apiRoute, preflight } from '@/lib/api/route';
import { turnOffShare } from '@/lib/sharing/service';
import { pathId } from '@/lib/validation/ids';
import { parseWith } from '@/lib/validation/parse';

/** Turns a link off at once; someone else's link is "not found". */
export const DELETE = apiRoute<{ id: string }>(async (request, context, caller) => {
  await turnOffShare(caller, parseWith(pathId, await context.params).id);
  return new Response(null, { status: 204 });
});

export const OPTIONS = preflight;
