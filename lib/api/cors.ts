/**
 * CORS for the REST API. Same-origin only unless ALLOWED_ORIGINS lists others; a listed origin may
 * call with a bearer key (no credentials: a browser sends no session cookie cross-origin). Any
 * other origin gets no CORS headers, so the browser keeps the response from its page.
 */
const ALLOWED_METHODS = 'GET, POST, PATCH, DELETE, OPTIONS';
const ALLOWED_HEADERS = 'authorization, content-type';
const EXPOSED_HEADERS = 'retry-after, x-ratelimit-limit, x-ratelimit-remaining';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/** ALLOWED_ORIGINS, comma-separated, as origins (`https://app.example.com`); malformed entries are skipped. */
export function allowedOrigins(value = process.env.ALLOWED_ORIGINS ?? ''): Set<string> {
  const origins = new Set<string>();
  for (const entry of value.split(',')) {
    if (URL.canParse(entry.trim())) origins.add(new URL(entry.trim()).origin);
  }
  return origins;
}

/** The request's Origin when it is allowed, else null (no CORS headers at all). */
export function corsOrigin(requestOrigin: string | null, allowed: ReadonlySet<string>): string | null {
  return requestOrigin !== null && allowed.has(requestOrigin) ? requestOrigin : null;
}

/** Marks a response readable by the calling origin, when that origin is allowed. */
export function addCorsHeaders(request: Request, headers: Headers): void {
  const origin = corsOrigin(request.headers.get('origin'), allowedOrigins());
  if (origin === null) return;
  headers.set('access-control-allow-origin', origin);
  headers.set('access-control-expose-headers', EXPOSED_HEADERS);
  headers.append('vary', 'Origin');
}

/** The answer to a browser's OPTIONS preflight: 204, with permission only for an allowed origin. */
export function preflightResponse(request: Request): Response {
  const response = new Response(null, { status: 204 });
  addCorsHeaders(request, response.headers);
  if (response.headers.has('access-control-allow-origin')) {
    response.headers.set('access-control-allow-methods', ALLOWED_METHODS);
    response.headers.set('access-control-allow-headers', ALLOWED_HEADERS);
    response.headers.set('access-control-max-age', PREFLIGHT_MAX_AGE_SECONDS);
  }
  return response;
}
