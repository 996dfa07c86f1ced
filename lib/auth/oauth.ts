import type { NextAuthOptions } from 'next-auth';
import GitHubProvider from 'next-auth/providers/github';
import GoogleProvider from 'next-auth/providers/google';
import type { Database } from '@/lib/db/client';
import { withAnon } from '@/lib/db/scope';
import { roleAtSignIn } from './roles';
import { registrationOpen, type Role } from './users';

type Env = Record<string, string | undefined>;

/**
 * GitHub and Google sign-in, each when its client id and secret are set. GITHUB_OAUTH_BASE_URL and
 * GOOGLE_OAUTH_BASE_URL are for tests only: they point the providers at a loopback server that
 * speaks the same protocol (lib/testing/fake-oauth.ts).
 */
export function oauthProviderList(env: Env = process.env): NextAuthOptions['providers'] {
  const list: NextAuthOptions['providers'] = [];
  if (env.GITHUB_ID && env.GITHUB_SECRET)
    list.push(github(env.GITHUB_ID, env.GITHUB_SECRET, env.GITHUB_OAUTH_BASE_URL));
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET)
    list.push(google(env.GOOGLE_CLIENT_ID, env.GOOGLE_CLIENT_SECRET, env.GOOGLE_OAUTH_BASE_URL));
  return list;
}

type GitHubEmail = { email: string; primary: boolean; verified: boolean };

function github(clientId: string, clientSecret: string, base?: string) {
  const web = base ? base.replace(/\/$/, '') : 'https://github.com';
  const api = base ? base.replace(/\/$/, '') : 'https://api.github.com';
  return GitHubProvider({
    clientId,
    clientSecret,
    ...(base
      ? {
          authorization: { url: `${web}/login/oauth/authorize`, params: { scope: 'read:user user:email' } },
          token: `${web}/login/oauth/access_token`,
        }
      : {}),
    userinfo: {
      url: `${api}/user`,
      // The account's primary address, and only when GitHub has verified it. The profile's public
      // email is ignored: it need not be the primary one.
      async request({ client, tokens }) {
        const profile = await client.userinfo(tokens.access_token!);
        const response = await fetch(`${api}/user/emails`, {
          headers: {
            authorization: `Bearer ${tokens.access_token}`,
            accept: 'application/vnd.github+json',
            'user-agent': 'Hearth',
          },
        });
        const emails = response.ok ? ((await response.json()) as GitHubEmail[]) : [];
        const primary = Array.isArray(emails) ? emails.find((e) => e.primary && e.verified) : undefined;
        return { ...profile, email: primary?.email, email_verified: Boolean(primary) };
      },
    },
  });
}

function google(clientId: string, clientSecret: string, base?: string) {
  return GoogleProvider({
    clientId,
    clientSecret,
    ...(base ? { wellKnown: `${base.replace(/\/$/, '')}/.well-known/openid-configuration` } : {}),
  });
}

/** The address a provider's profile gives, and whether the provider says it is verified. */
export function providerEmail(profile: unknown): { email: string | null; verified: boolean; name: string | null } {
  const p = (profile ?? {}) as { email?: unknown; email_verified?: unknown; name?: unknown; login?: unknown };
  const email = typeof p.email === 'string' && p.email.includes('@') ? p.email.trim().toLowerCase() : null;
  const name =
    typeof p.name === 'string' && p.name.trim()
      ? p.name.trim().slice(0, 100)
      : typeof p.login === 'string'
        ? p.login.slice(0, 100)
        : null;
  return { email, verified: p.email_verified === true || p.email_verified === 'true', name };
}

/** Why an OAuth sign-in was refused: the sign-in page's `?error=` and what it says. */
export type OAuthRefusal = 'OAuthEmailUnverified' | 'OAuthAccountNotLinked' | 'RegistrationClosed' | 'AccountDisabled';

export type OAuthSignIn = { ok: true; user: { id: string; role: Role } } | { ok: false; error: OAuthRefusal };

/**
 * Which account an OAuth sign-in opens. The address keys accounts, so it must be one the provider
 * has verified; an existing account is joined only when its own address is proven too, or when it
 * has no password (only OAuth ever opened it). An account someone registered with this address
 * and a password, never proven, is not joined: that someone may not own the address, and joining
 * would hand them the real owner's account (pre-hijacking). New accounts follow REGISTRATION_OPEN.
 */
export async function resolveOAuthSignIn(profile: unknown, db?: Database): Promise<OAuthSignIn> {
  const { email, verified, name } = providerEmail(profile);
  if (!email || !verified) return { ok: false, error: 'OAuthEmailUnverified' };
  const [row] = await withAnon(
    (tx) =>
      tx.query<{
        id: string | null;
        role: Role | null;
        outcome: 'signed_in' | 'created' | 'link_first' | 'closed' | 'disabled';
      }>('select * from hearth.auth_oauth_sign_in($1, $2, $3)', [email, name, registrationOpen()]),
    db,
  );
  switch (row?.outcome) {
    case 'signed_in':
    case 'created':
      return { ok: true, user: { id: row.id!, role: await roleAtSignIn(email, row.role!) } };
    case 'link_first':
      return { ok: false, error: 'OAuthAccountNotLinked' };
    case 'closed':
      return { ok: false, error: 'RegistrationClosed' };
    default:
      return { ok: false, error: 'AccountDisabled' };
  }
}
