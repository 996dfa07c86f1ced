import { apiRoute } from '@/lib/api/route';
import { HearthError } from '@/lib/errors';
import { readAvatar } from '@/lib/profile/service';

/**
 * The caller's own picture (Settings and the app's chrome show it). Local files are sent from
 * here; Supabase Storage objects through a short-lived signed URL. The page adds the file's id
 * (`?v=`) to the URL, so a new picture is a new URL and the old one may be kept.
 */
export const GET = apiRoute(
  async (_request, _context, caller) => {
    const avatar = await readAvatar(caller);
    if (!avatar) throw new HearthError('not_found', 'You have no picture.');
    if ('url' in avatar)
      return new Response(null, {
        status: 302,
        headers: { location: avatar.url, 'cache-control': 'private, no-store' },
      });
    return new Response(avatar.bytes as BodyInit, {
      headers: {
        'content-type': avatar.mediaType,
        'content-length': String(avatar.bytes.byteLength),
        'cache-control': 'private, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
      },
    });
  },
  { rateLimited: false },
);
