import NextAuth from 'next-auth';
import { withAuthRequest } from '@/lib/auth/auth-request';
import { authOptions } from '@/lib/auth/options';

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth, with the request in reach of the sign-in code (lib/auth/auth-request.ts). Guests are
 * made, and their quota taken, inside the guest provider (lib/auth/guests.ts), so every path
 * shape next-auth routes to it pays the same.
 */
async function handler(request: Request, context: Context) {
  // next-auth v4 reads params synchronously; Next 16 passes them as a promise.
  const params = await context.params;
  return withAuthRequest(request, () => NextAuth(request as never, { params } as never, authOptions()));
}

export { handler as GET, handler as POST };
