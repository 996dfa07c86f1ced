import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';
import { errorResponse, toHearthError } from '@/lib/errors';
import { addressOf, takeSignUpQuota } from '@/lib/rate-limit';

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth v4 reads params synchronously; Next 16 passes them as a promise.
async function handler(request: Request, context: Context) {
  const params = await context.params;
  if (request.method === 'POST' && params.nextauth.join('/') === 'callback/guest') {
    const refused = await guestSignUpRefused(request);
    if (refused) return refused;
  }
  return NextAuth(request as never, { params } as never, authOptions());
}

/**
 * "Continue as guest" makes a new account each time, so it counts against the client address's
 * sign-ups: rotating guest sessions buys no fresh budget. A refusal is a 429 with Retry-After whose
 * body also carries the `url` next-auth's signIn() reads, its `error` being the message to show.
 */
async function guestSignUpRefused(request: Request): Promise<Response | null> {
  try {
    await takeSignUpQuota(addressOf(request));
    return null;
  } catch (thrown) {
    const error = toHearthError(thrown);
    const response = errorResponse(error);
    const url = new URL('/signin', request.url);
    url.searchParams.set('error', error.message);
    return Response.json({ url: url.href, ...(await response.json()) }, { status: response.status, headers: response.headers });
  }
}

export { handler as GET, handler as POST };
