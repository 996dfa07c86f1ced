import { requireAdmin } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/users';
import { errorResponse, HearthError } from '@/lib/errors';
import { readBodyBytes } from '@/lib/validation/parse';

type RouteContext<Params> = { params: Promise<Params> };

/**
 * A route of the admin dashboard (app/api/admin): the browser session of an enabled admin, checked
 * in the database on every call (a 403 for anyone else); the same JSON error envelope as the API.
 * Writes must come from this site's own pages (no cross-origin form posts).
 */
export function adminRoute<Params = object>(
  handler: (request: Request, context: RouteContext<Params>, admin: SessionUser) => Promise<Response>,
): (request: Request, context: RouteContext<Params>) => Promise<Response> {
  return async (request, context) => {
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') assertSameOrigin(request);
      const admin = await requireAdmin();
      return await handler(request, context, admin);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

function assertSameOrigin(request: Request): void {
  const origin = request.headers.get('origin');
  if (origin === null) return; // not a browser's cross-site request: browsers send Origin on POST
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (!host || new URL(origin).host !== host) throw new HearthError('forbidden', 'Admin changes must come from this site.');
}

/** A request body as bytes, refused past maxBytes (by Content-Length, or as it arrives). */
export async function readBytes(request: Request, maxBytes: number, what: string): Promise<Uint8Array> {
  const tooLarge = () => new HearthError('payload_too_large', `${what} can be at most ${(maxBytes / 1024 / 1024).toLocaleString('en-US')} MB.`, { param: 'file' });
  const bytes = await readBodyBytes(request, maxBytes, tooLarge);
  if (!bytes) throw new HearthError('bad_request', `Send ${what.toLowerCase()} as the request body.`, { param: 'file' });
  return bytes;
}
