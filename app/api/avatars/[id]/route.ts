import { siteRoute } from '@/lib/api/route';
import { sessionFromRequest } from '@/lib/auth/session';
import { getAvatar } from '@/lib/personas/queries';
import { withAnon, withUser } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { pathId } from '@/lib/validation/ids';
import { parseWith } from '@/lib/validation/parse';

/**
 * An avatar uploaded in the persona studio, from the database. Whoever may see the companion may
 * see its portrait (RLS: drafts only to admins). The URL carries the image's hash, so it is cached.
 */
export const GET = siteRoute<{ id: string }>(async (request, context) => {
  const { id } = parseWith(pathId, await context.params);
  const session = await sessionFromRequest(request);
  const avatar = session
    ? await withUser(session, (tx) => getAvatar(tx, id))
    : await withAnon((tx) => getAvatar(tx, id));
  if (!avatar) throw new HearthError('not_found', 'There is no such avatar.');
  const versioned = new URL(request.url).searchParams.get('v') === avatar.sha256.slice(0, 12);
  return new Response(Buffer.from(avatar.bytes), {
    headers: {
      'content-type': avatar.contentType,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'",
      'cache-control': versioned ? 'private, max-age=31536000, immutable' : 'private, no-cache',
      etag: `"${avatar.sha256}"`,
    },
  });
});
