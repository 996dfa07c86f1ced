import { uploadJson } from '@/lib/uploads/json';
import { apiRoute, preflight } from '@/lib/api/route';
import { confirmUpload } from '@/lib/uploads/direct';
import { pathId } from '@/lib/validation/ids';
import { parseWith } from '@/lib/validation/parse';

/**
 * Confirms an upload whose bytes were sent to its target: the stored file is checked (type, size,
 * dimensions) and recorded, or deleted with a 4xx saying why. Confirming again answers the same
 * upload (200 instead of 201), so a client may retry.
 */
export const POST = apiRoute<{ id: string }>(async (request, context, caller) => {
  const { id } = parseWith(pathId, await context.params);
  const { upload, created } = await confirmUpload(caller, id);
  return Response.json(await uploadJson(upload, request), { status: created ? 201 : 200 });
});

export const OPTIONS = preflight;
