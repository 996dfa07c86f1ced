import { AsyncLocalStorage } from 'node:async_hooks';
import { clientAddress } from '@/lib/rate-limit/client-address';

/**
 * The request next-auth is handling, for the parts of a sign-in that need it and that next-auth
 * does not pass along: the browser and address a new session row records, the known-device cookie
 * of the sign-in throttle, and cookies to add to the response. Set by app/api/auth/[...nextauth].
 */
export type AuthRequest = {
  headers: Headers;
  /** clientAddress() of the request. */
  address: string;
  /** Served over https (cookies set for it get Secure). */
  secure: boolean;
  /** Set-Cookie values to add to next-auth's response. */
  setCookies: string[];
};

const holder = globalThis as { __hearthAuthRequest?: AsyncLocalStorage<AuthRequest> };
const storage = (holder.__hearthAuthRequest ??= new AsyncLocalStorage<AuthRequest>());

/** Runs next-auth's handler with the request in reach, then adds the cookies the sign-in asked for. */
export async function withAuthRequest(request: Request, handle: () => Promise<Response>): Promise<Response> {
  const secure =
    new URL(request.url).protocol === 'https:' ||
    request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
  const context: AuthRequest = {
    headers: request.headers,
    address: clientAddress(request.headers),
    secure,
    setCookies: [],
  };
  const response = await storage.run(context, handle);
  if (context.setCookies.length === 0) return response;
  const headers = new Headers(response.headers);
  for (const cookie of context.setCookies) headers.append('set-cookie', cookie);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

export function currentAuthRequest(): AuthRequest | undefined {
  return storage.getStore();
}
