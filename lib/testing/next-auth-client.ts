import NextAuth, { type NextAuthOptions } from 'next-auth';
import { decode, type JWT } from 'next-auth/jwt';

/**
 * A browser's side of next-auth for tests. Calls next-auth's request handler through its public
 * entry (NextAuth(req, res, options), the form that needs no Next.js request scope; the App
 * Router form the route uses reads next/headers, and e2e drives that one) with a cookie jar that
 * keeps what each response sets. Follows no redirect by itself.
 */
export type AuthResponse = { status: number; redirect?: string; body: unknown };

export function nextAuthClient(options: () => NextAuthOptions, origin: string) {
  const jar = new Map<string, string>();
  const { host, protocol } = new URL(origin);

  async function call(
    method: 'GET' | 'POST',
    path: string,
    { query = {}, body }: { query?: Record<string, string>; body?: Record<string, string> } = {},
  ): Promise<AuthResponse> {
    const headers: Record<string, string | string[]> = {};
    let status = 200;
    let sent: unknown;
    const res = {
      status(code: number) {
        status = code;
        return res;
      },
      setHeader(name: string, value: string | string[]) {
        headers[name.toLowerCase()] = value;
        return res;
      },
      getHeader: (name: string) => headers[name.toLowerCase()],
      json(value: unknown) {
        sent = value;
      },
      send(value: unknown) {
        sent = value;
      },
      end() {},
    };
    const req = {
      method,
      query: { ...query, nextauth: path.split('/') },
      cookies: Object.fromEntries(jar),
      headers: { host, 'x-forwarded-proto': protocol.replace(':', '') },
      body: body ?? {},
    };
    await NextAuth(req as never, res as never, options());
    const setCookies = headers['set-cookie'] ?? [];
    for (const line of Array.isArray(setCookies) ? setCookies : [setCookies]) {
      const [pair, ...attributes] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = decodeURIComponent(pair!.slice(at + 1).trim());
      const expired = attributes.some(
        (a) =>
          /^\s*max-age=0\s*$/i.test(a) ||
          (/^\s*expires=/i.test(a) && new Date(a.split('=')[1]!).getTime() < Date.now()),
      );
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    const redirect =
      typeof headers.location === 'string' ? headers.location : (sent as { url?: string } | undefined)?.url;
    return { status, redirect, body: sent };
  }

  return {
    jar,
    call,
    async csrfToken(): Promise<string> {
      return ((await call('GET', 'csrf')).body as { csrfToken: string }).csrfToken;
    },
    /** The decoded session token, or null when there is no session cookie. */
    async session(secret: string): Promise<JWT | null> {
      const token = jar.get('next-auth.session-token');
      return token ? decode({ token, secret }) : null;
    },
  };
}
