/**
 * Where to send a person after signing in, from a `callbackUrl` someone may have crafted: only a
 * path on this site, else "/". Used by the sign-in page, next-auth's redirect callback and the
 * middleware, so the three agree.
 *
 * The value is resolved the way a browser resolves a link on this site (the WHATWG URL parser:
 * tabs and newlines dropped, leading and trailing control characters and spaces trimmed,
 * backslashes read as slashes, `//host` and `/\host` as another host, schemes honoured), and kept
 * only if it stays on `origin`. What comes back is that URL's path, query and fragment as the
 * parser wrote them, with any run of leading slashes made one: `/.//evil.example` resolves to
 * the path `//evil.example`, which would itself be read as a host if handed on as it is.
 */
export function safeCallbackPath(value: unknown, origin: string): string {
  if (typeof value !== 'string' || value === '') return '/';
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return '/';
  }
  if (url.origin !== base.origin || url.username !== '' || url.password !== '') return '/';
  return `${url.pathname.replace(/^\/+/, '/')}${url.search}${url.hash}`;
}

/** The same, as an absolute URL on `origin` (next-auth's redirect callback returns one). */
export function safeCallbackUrl(value: unknown, origin: string): string {
  return new URL(safeCallbackPath(value, origin), origin).href;
}

export { requestOrigin } from './request-origin';
