/**
 * The origin the client reached the app at, from its Host (or a proxy's X-Forwarded-Host/-Proto),
 * for URLs it is to use: upload targets, callback paths. Next.js's request.url can name another
 * host for the same server (localhost for 127.0.0.1), which a browser treats as another site. A
 * Host header is whatever the client chose to send, so mail links use it only in development
 * (lib/mail/delivery.ts), and anything that is not a plain host (a path, a query, another scheme)
 * gives the fallback.
 */
export function requestOrigin(headers: Headers, fallback = 'http://localhost:3000'): string {
  const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host');
  const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim() || 'http';
  if (!host || !/^[a-z0-9.\-[\]:]+$/i.test(host) || !/^https?$/.test(proto)) return fallback;
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return fallback;
  }
}
