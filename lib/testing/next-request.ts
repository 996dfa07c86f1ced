import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Route handlers that read the session through `next/headers` (the web chat, the admin routes)
 * called outside Next.js, as a browser would call them: `vi.mock('next/headers', () =>
 * import('@/lib/testing/next-request').then((m) => m.nextHeaders))`, then `inRequest(request, fn)`.
 * cookies() and headers() answer from that request; the session itself is decoded for real.
 */
const current = new AsyncLocalStorage<Request>();

export function inRequest<T>(request: Request, fn: () => Promise<T>): Promise<T> {
  return current.run(request, fn);
}

function requestHeaders(): Headers {
  const request = current.getStore();
  if (!request) throw new Error('next/headers used outside inRequest()');
  return request.headers;
}

// As Next.js parses them: a cookie whose value does not decode is left out.
function cookieList(): { name: string; value: string }[] {
  return (requestHeaders().get('cookie') ?? '')
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.includes('='))
    .flatMap((pair) => {
      try {
        return [
          { name: pair.slice(0, pair.indexOf('=')), value: decodeURIComponent(pair.slice(pair.indexOf('=') + 1)) },
        ];
      } catch {
        return [];
      }
    });
}

export const nextHeaders = {
  headers: async () => requestHeaders(),
  cookies: async () => ({
    getAll: () => cookieList(),
    get: (name: string) => cookieList().find((cookie) => cookie.name === name),
    has: (name: string) => cookieList().some((cookie) => cookie.name === name),
  }),
};
