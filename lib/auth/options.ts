import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { safeCallbackUrl } from './callback-url';
import { startGuest } from './guests';
import { oauthProviderList, resolveOAuthSignIn } from './oauth';
import { roleAtSignIn } from './roles';
import { authSecret } from './secret';
import { claimsOfToken } from './session-state';
import { assertSessionCurrent, beginSession } from './session-token';
import { endSessionAtSignOut, SESSION_MAX_AGE_SECONDS } from './sessions';
import { signInWithPassword, withPublicErrors } from './sign-in';
import type { Role } from './users';

export { SESSION_MAX_AGE_SECONDS } from './sessions';

/** Which OAuth buttons to show: only providers whose env vars are set. */
export function oauthProviders(): { id: 'github' | 'google'; name: string }[] {
  const list: { id: 'github' | 'google'; name: string }[] = [];
  if (process.env.GITHUB_ID && process.env.GITHUB_SECRET) list.push({ id: 'github', name: 'GitHub' });
  if (process.env.GOOGLE_CLIENT_ID && process.env.GOOGLE_CLIENT_SECRET) list.push({ id: 'google', name: 'Google' });
  return list;
}

function providers(): NextAuthOptions['providers'] {
  const list: NextAuthOptions['providers'] = [
    CredentialsProvider({
      id: 'credentials',
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(input) {
        // Throttled; a wait throws, and its message reaches the form as the result's `error`.
        return withPublicErrors(async () => {
          const user = await signInWithPassword(input);
          if (!user) return null; // a disabled account with its right password threw its own message
          const role = await roleAtSignIn(user.email, user.role);
          return { id: user.id, email: user.email, name: user.name, role, isGuest: false };
        });
      },
    }),
    CredentialsProvider({
      id: 'guest',
      name: 'Guest',
      credentials: {},
      async authorize(input) {
        const user = await withPublicErrors(() => startGuest(input));
        return { id: user.id, email: null, name: user.name, role: user.role, isGuest: true };
      },
    }),
  ];
  return [...list, ...oauthProviderList()];
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  cached ??= {
    secret: authSecret(),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/signin', error: '/signin' },
    providers: providers(),
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.type !== 'oauth') return true;
        // lib/auth/oauth.ts: a provider-verified address, and an account that may be joined.
        const result = await resolveOAuthSignIn(profile);
        if (!result.ok) return `/signin?error=${result.error}`;
        Object.assign(user, { id: result.user.id, role: result.user.role, isGuest: false }); // the jwt callback's `user`
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.role = (user as { role?: Role }).role ?? 'user';
          token.guest = Boolean((user as { isGuest?: boolean }).isGuest);
        } else {
          return assertSessionCurrent(token);
        }
        // A sign-in: a new session, after any role change it made (which raises the version).
        return beginSession(token);
      },
      // Only paths on this site, however the URL is dressed up (lib/auth/callback-url.ts).
      redirect({ url, baseUrl }) {
        return safeCallbackUrl(url, baseUrl);
      },
      async session({ session, token }) {
        if (session.user && token.sub) {
          session.user.id = token.sub;
          session.user.role = token.role ?? 'user';
          session.user.isGuest = token.guest ?? false;
        }
        return session;
      },
    },
    events: {
      // The token stops working, not just the cookie: its session row ends.
      async signOut({ token }) {
        const claims = claimsOfToken(token);
        if (claims) await endSessionAtSignOut(claims);
      },
    },
  };
  return cached;
}
