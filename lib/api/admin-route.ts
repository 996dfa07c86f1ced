import { requireAdmin } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/users';
import { HearthError } from '@/lib/errors';
import { readBodyBytes } from '@/lib/validation/parse';
import { siteRoute, type RouteContext, type RouteHandler } from './route';
import type { BodyKind } from './same-origin';

/**
 * A route of the admin dashboard (app/api/admin): the browser session of an enabled admin, checked
 * in the database on every call (a 403 for anyone else); the same JSON error envelope as the API.
 * Writes must come from this site's own pages, with a body of a type the route takes
 * (same-origin.ts): JSON unless `accepts` says otherwise.
 */
export function adminRoute<Params = object>(
  handler: (request: Request, context: RouteContext<Params>, admin: SessionUser) => Promise<Response>,
  options: { accepts?: readonly BodyKind[] } = {},
): RouteHandler<Params> {
  return siteRoute(async (request, context) => handler(request, context, await requireAdmin()), options);
}

/** A request body as bytes, refused past maxBytes (by Content-Length, or as it arrives). */
export async function readBytes(request: Request, maxBytes: number, what: string): Promise<Uint8Array> {
  const tooLarge = () =>
    new HearthError(
      'payload_too_large',
      `${what} can be at most ${(maxBytes / 1024 / 1024).toLocaleString('en-US')} MB.`,
      { param: 'file' },
    );
  const bytes = await readBodyBytes(request, maxBytes, tooLarge);
  if (!bytes)
    throw new HearthError('bad_request', `Send ${what.toLowerCase()} as the request body.`, { param: 'file' });
  return bytes;
}

/**
 * The file name a raw-body upload sends in `x-file-name` (percent-encoded, so any name fits in a
 * header), for messages only: at most 200 characters, control characters dropped. Broken
 * percent-encoding is a 400, not the URIError (a 500) decodeURIComponent throws.
 */
export function fileNameHeader(request: Request): string {
  const raw = request.headers.get('x-file-name') ?? '';
  try {
    return decodeURIComponent(raw)
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
      .slice(0, 200);
  } catch {
    throw new HearthError(
      'bad_request',
      'The x-file-name header must be the file name percent-encoded as UTF-8 (encodeURIComponent).',
      { param: 'x-file-name' },
    );
  }
}
