import { apiRoute, preflight } from '@/lib/api/route';
import { getBlobStore } from '@/lib/storage';
import { receiveUploadBytes } from '@/lib/uploads/direct';
import { findUpload, SIGNED_URL_SECONDS } from '@/lib/uploads/service';
import { pathId } from '@/lib/validation/ids';
import { parseWith } from '@/lib/validation/parse';

/**
 * An upload's bytes, for its owner only: the row is read in the caller's RLS scope, so anyone
 * else's file is "not found". Local files are sent from here; Supabase Storage objects through a
 * short-lived signed URL (a redirect).
 */
export const GET = apiRoute<{ id: string }>(
  async (_request, context, caller) => {
    const { id } = parseWith(pathId, await context.params);
    const upload = await findUpload(caller, id);
    const store = getBlobStore();
    const signed = await store.signedUrl(upload.path, SIGNED_URL_SECONDS);
    if (signed)
      return new Response(null, { status: 302, headers: { location: signed, 'cache-control': 'private, no-store' } });
    const bytes = await store.read(upload.path);
    return new Response(bytes as BodyInit, {
      headers: {
        'content-type': upload.mediaType,
        'content-length': String(bytes.byteLength),
        // The same id always has the same bytes; only its owner's browser keeps a copy.
        'cache-control': 'private, max-age=31536000, immutable',
        'content-disposition': 'inline',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
      },
    });
  },
  { rateLimited: false },
);

/**
 * The upload target with local storage: the bytes of one of the caller's pending uploads, sent
 * once, capped at its kind's size as they arrive. Not counted against the rate limit: asking for
 * the target was.
 */
export const PUT = apiRoute<{ id: string }>(
  async (request, context, caller) => {
    const { id } = parseWith(pathId, await context.params);
    await receiveUploadBytes(caller, id, request);
    return new Response(null, { status: 204 });
  },
  { rateLimited: false, accepts: ['bytes'] },
);

export const OPTIONS = preflight;
