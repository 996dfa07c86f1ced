import { getConfig } from '@/lib/config';
import { HearthError } from '@/lib/errors';

/**
 * What a route's body may be: JSON, a multipart form (files), an SDP offer (WebRTC signalling), or
 * raw bytes of any type (a file as the body).
 */
export type BodyKind = 'json' | 'multipart' | 'sdp' | 'bytes';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const BODY_TYPES: Record<Exclude<BodyKind, 'bytes'>, { pattern: RegExp; name: string }> = {
  json: { pattern: /^application\/json\s*(;|$)/i, name: 'JSON (Content-Type: application/json)' },
  multipart: { pattern: /^multipart\/form-data\s*;/i, name: 'multipart/form-data' },
  sdp: { pattern: /^application\/sdp\s*(;|$)/i, name: 'an SDP offer (Content-Type: application/sdp)' },
};

/**
 * A write made with the browser session cookie must come from this site's own pages. A page on
 * another origin, even another port of the same host (same-site, so the cookie goes along), can
 * make a browser POST a form or a `text/plain` fetch without asking first; so a cookie write
 * needs:
 * - an Origin of this server (Host, X-Forwarded-Host or NEXTAUTH_URL), or without an Origin a
 *   `Sec-Fetch-Site: same-origin`; `Origin: null` (sandboxed frames, file: pages) is refused;
 * - a body of a type the route takes: JSON or SDP, which a cross-origin page can send only after a
 *   CORS preflight this server never grants with credentials, or multipart where the route takes files.
 * A request with neither Origin nor Sec-Fetch-Site is not a browser's (every current one sends
 * Origin on every non-GET request): it cannot carry anyone's cookie but its own, as Next.js
 * reasons for server actions. Bearer-key callers are not checked (they send no cookie).
 * 403 or 415, before authentication, so a refused request costs nothing and counts nothing.
 */
export function assertSameSiteWrite(request: Request, accepts: readonly BodyKind[] = ['json']): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  assertSameOrigin(request);
  assertBodyType(request, accepts);
}

function assertSameOrigin(request: Request): void {
  const origin = request.headers.get('origin');
  if (origin !== null) {
    const host = hostOf(origin);
    if (host === null || !ownHosts(request).has(host)) throw crossSite();
    return;
  }
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site.trim().toLowerCase() !== 'same-origin') throw crossSite();
}

function crossSite(): HearthError {
  return new HearthError('forbidden', "Changes made with the session cookie must come from this site's own pages.", {
    publicCode: 'cross_site_request',
  });
}

/** host[:port] of an http(s) origin; null for `null`, other schemes and anything malformed. */
function hostOf(origin: string): string | null {
  if (!URL.canParse(origin)) return null;
  const url = new URL(origin);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.host : null;
}

/** The hosts this server answers as: the request's own, the proxy's (first) forwarded one, NEXTAUTH_URL's. */
function ownHosts(request: Request): Set<string> {
  const hosts = new Set<string>([new URL(request.url).host]);
  const add = (value: string | null | undefined) => {
    const host = value?.split(',')[0]?.trim().toLowerCase();
    if (host) hosts.add(host);
  };
  add(request.headers.get('host'));
  add(request.headers.get('x-forwarded-host'));
  const configured = getConfig().auth.url;
  if (configured) add(new URL(configured).host);
  return hosts;
}

function assertBodyType(request: Request, accepts: readonly BodyKind[]): void {
  if (accepts.includes('bytes')) return;
  const type = request.headers.get('content-type');
  const declaresBody =
    type !== null ||
    Number(request.headers.get('content-length') ?? '0') > 0 ||
    request.headers.has('transfer-encoding');
  if (!declaresBody) return;
  const kinds = accepts.filter((kind): kind is Exclude<BodyKind, 'bytes'> => kind !== 'bytes');
  if (type !== null && kinds.some((kind) => BODY_TYPES[kind].pattern.test(type.trim()))) return;
  throw new HearthError(
    'unsupported_media_type',
    `Send the body as ${kinds.map((kind) => BODY_TYPES[kind].name).join(' or ')}.`,
    { param: 'content-type' },
  );
}
