import { apiRoute, preflight } from '@/lib/api/route';
import { deleteUnsentUpload } from '@/lib/uploads/cleanup';
import { pathId } from '@/lib/validation/ids';
import { parseWith } from '@/lib/validation/parse';

/** Deletes an upload no message carries yet, or a pending one (removed or cancelled in the composer before sending), with its file. */
export const DELETE = apiRoute<{ id: string }>(async (_request, context, caller) => {
  const { id } = parseWith(pathId, await context.params);
  await deleteUnsentUpload(caller, id);
  return new Response(null, { status: 204 });
});

export const OPTIONS = preflight;
