/**
 * The origin a request reached, from its Host (or a proxy's X-Forwarded-Host/-Proto). Links in
 * mail use it only where no public URL is configured, which lib/mail/delivery.ts allows in
 * development alone: a Host header is whatever the client chose to send.
 */
export function requestOrigin(headers: Headers, fallback = 'http://localhost:3000'): string {
  const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim() || headers.get('host');
  if (!host) return fallback;
  const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https' ? 'https' : 'http';
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return fallback;
  }
}
