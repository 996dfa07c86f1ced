import { publicOrigin, uploadJson, uploadTargetJson } from '@/lib/uploads/json';
import { apiRoute, preflight } from '@/lib/api/route';
import { createUploadTarget } from '@/lib/uploads/direct';
import { receiveUpload } from '@/lib/uploads/receive';
import { saveUpload } from '@/lib/uploads/service';
import { parseWith, readJson } from '@/lib/validation/parse';
import { createUploadTargetRequest } from '@/lib/uploads/schemas';

/**
 * Two ways to upload one image (PNG, JPEG, WebP, GIF; up to 10 MB) or voice note (WebM, Ogg, MP3,
 * WAV, M4A; up to 25 MB):
 * - JSON {kind, media_type, size, filename}: the answer is an upload target; send the bytes there
 *   (straight to storage with Supabase), then POST /api/v1/uploads/{id}/confirm. The bytes never
 *   pass through this function, whose body a serverless host caps (4.5 MB on Vercel).
 * - multipart/form-data with the file in the field `file`: checked and kept at once (bodies over
 *   the host's cap never arrive).
 * The type is read from the content; a voice note is transcribed when a provider is configured.
 * Attach the upload to a message by its id.
 */
export const POST = apiRoute(
  async (request, _context, caller) => {
    if (/^application\/json/i.test(request.headers.get('content-type') ?? '')) {
      const input = parseWith(createUploadTargetRequest, await readJson(request));
      const issued = await createUploadTarget(
        caller,
        { kind: input.kind, mediaType: input.media_type, size: input.size, filename: input.filename },
        { origin: publicOrigin(request) },
      );
      return Response.json(uploadTargetJson(issued), { status: 201 });
    }
    const file = await receiveUpload(request);
    const upload = await saveUpload(caller, file);
    return Response.json(await uploadJson(upload, request), { status: 201 });
  },
  { accepts: ['json', 'multipart'] },
);

export const OPTIONS = preflight;
