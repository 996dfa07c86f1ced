import { uploadJson } from '@/lib/api/uploads';
import { apiRoute, preflight } from '@/lib/api/route';
import { receiveUpload } from '@/lib/uploads/receive';
import { saveUpload } from '@/lib/uploads/service';

/**
 * Uploads one image (PNG, JPEG, WebP, GIF; up to 10 MB) or voice note (WebM, Ogg, MP3, WAV, M4A;
 * up to 25 MB) as multipart/form-data in the field `file`. The type is read from the content; a
 * voice note is transcribed when a provider is configured. Attach it to a message by its id.
 */
export const POST = apiRoute(async (request, _context, caller) => {
  const file = await receiveUpload(request);
  const upload = await saveUpload(caller, file);
  return Response.json(await uploadJson(upload, request), { status: 201 });
});

export const OPTIONS = preflight;
