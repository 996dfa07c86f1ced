import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_DATABASES } from '@/lib/testing/databases';
import {
  startFakeOAuthServer,
  type FakeOAuthServer,
  type FakeOAuthUser,
  type Provider,
} from '@/lib/testing/fake-oauth';
import { linkTo } from '@/lib/testing/mail-catcher';
import { freshEmail, TEST_ORIGIN, useMailAndDatabase } from '@/lib/testing/mail-env';
import { nextAuthClient } from '@/lib/testing/next-auth-client';
import { authOptions } from './options';
import { signUpWithPassword } from './users';
import { verifyEmail } from './verification';

const SECRET = 'mail-tests-session-secret-0123456789';

/**
 * Signing in with GitHub and Google through next-auth's real handler, against a loopback server
 * that speaks both providers' authorization-code flows: the redirect to the provider, its answer
 * back to /api/auth/callback/<provider>, the token exchange, the profile, the session cookie.
 */
let oauth: FakeOAuthServer;
beforeAll(async () => {
  oauth = await startFakeOAuthServer();
});
afterAll(() => oauth?.close());

describe.each(TEST_DATABASES)('OAuth sign-in on $name', ({ open }) => {
  const { db, inbox } = useMailAndDatabase(open, {
    GITHUB_ID: 'fake-github-client',
    GITHUB_SECRET: 'fake-github-secret',
    GOOGLE_CLIENT_ID: 'fake-google-client.apps.googleusercontent.com',
    GOOGLE_CLIENT_SECRET: 'fake-google-secret',
    RATE_LIMIT_SIGN_UPS_PER_HOUR_PER_IP: '0',
  });
  // Built once per process from the env; the provider URLs must point at this run's fake server.
  beforeAll(() => {
    vi.stubEnv('GITHUB_OAUTH_BASE_URL', oauth.origin);
    vi.stubEnv('GOOGLE_OAUTH_BASE_URL', oauth.origin);
  });
  const options = () => {
    vi.stubEnv('GITHUB_OAUTH_BASE_URL', oauth.origin);
    vi.stubEnv('GOOGLE_OAUTH_BASE_URL', oauth.origin);
    return authOptions();
  };

  /** The whole dance; the next-auth client is returned so its session can be read. */
  async function signInWith(provider: Provider, user: FakeOAuthUser) {
    const browser = nextAuthClient(options, TEST_ORIGIN);
    const started = await browser.call('POST', `signin/${provider}`, {
      body: { csrfToken: await browser.csrfToken(), callbackUrl: `${TEST_ORIGIN}/` },
    });
    expect(started.redirect, JSON.stringify(started)).toMatch(new RegExp(`^${oauth.origin}/`));
    oauth.nextUser(provider, user);
    const authorized = await fetch(started.redirect!, { redirect: 'manual' });
    const back = new URL(authorized.headers.get('location') ?? '');
    expect(back.pathname).toBe(`/api/auth/callback/${provider}`);
    const done = await browser.call('GET', `callback/${provider}`, { query: Object.fromEntries(back.searchParams) });
    return { browser, redirect: done.redirect ?? '', session: await browser.session(SECRET) };
  }
  const person = (email: string, emailVerified = true, name = 'Vic Tim'): FakeOAuthUser => ({
    id: String(Math.floor(Math.random() * 1e9)),
    name,
    email,
    emailVerified,
  });
  const row = async (email: string) =>
    (
      await db().query<{ id: string; verified: boolean; role: string }>(
        'select id, email_verified_at is not null as verified, role from hearth.users where email = $1',
        [email],
      )
    )[0];

  it('creates an account with a proven address for a verified GitHub or Google address', async () => {
    for (const provider of ['github', 'google'] as const) {
      const email = freshEmail(`new-${provider}`);
      const { redirect, session } = await signInWith(provider, person(email));
      expect(redirect).toBe(`${TEST_ORIGIN}/`);
      const account = await row(email);
      expect(account).toMatchObject({ verified: true, role: 'user' });
      expect(session).toMatchObject({ sub: account!.id, role: 'user', guest: false });
    }
  });

  it('does not join a password account nobody proved to the verified owner’s sign-in (pre-hijacking), until it is proven', async () => {
    const email = freshEmail('victim');
    // The attacker registers the victim's address with a password of theirs.
    await signUpWithPassword({ email, password: 'attacker’s password', name: 'Attacker' }, TEST_ORIGIN);
    const attackers = await row(email);
    for (const provider of ['github', 'google'] as const) {
      const { redirect, session } = await signInWith(provider, person(email));
      expect(redirect).toBe('/signin?error=OAuthAccountNotLinked');
      expect(session).toBeNull();
    }
    expect(await row(email)).toEqual(attackers); // still unproven, not joined

    // The address's owner proves it (the link goes to their inbox): now their sign-in joins it.
    await verifyEmail(linkTo(await inbox().waitFor(email, { subject: /Confirm/ }), '/verify-email').token, db());
    const { session } = await signInWith('github', person(email));
    expect(session?.sub).toBe(attackers!.id);
  });

  it('refuses an address the provider has not verified, and ignores GitHub’s public profile email', async () => {
    const email = freshEmail('unverified');
    for (const provider of ['github', 'google'] as const) {
      const { redirect, session } = await signInWith(provider, person(email, false));
      expect(redirect).toBe('/signin?error=OAuthEmailUnverified');
      expect(session).toBeNull();
    }
    expect(await row(email)).toBeUndefined();
    // The fake's /user names public-<address> (verified too, but not the primary): the account is the primary's.
    const primary = freshEmail('primary');
    await signInWith('github', person(primary));
    expect(await row(`public-${primary}`)).toBeUndefined();
    expect(await row(primary)).toMatchObject({ verified: true });
  });

  it('joins an account that has no password (only OAuth ever opened it), on either provider', async () => {
    const email = freshEmail('both');
    const first = await signInWith('google', person(email));
    const second = await signInWith('github', person(email));
    expect(second.session?.sub).toBe(first.session?.sub);
  });

  it('makes an ADMIN_EMAILS address admin through a provider that verified it', async () => {
    const email = freshEmail('oauth-admin');
    vi.stubEnv('ADMIN_EMAILS', email);
    const { session } = await signInWith('google', person(email));
    expect(session?.role).toBe('admin');
  });

  it('with REGISTRATION_OPEN=false: no new OAuth accounts and no guests, while existing accounts still sign in', async () => {
    const existing = freshEmail('regular');
    const before = await signInWith('github', person(existing));
    vi.stubEnv('REGISTRATION_OPEN', 'false');

    const newcomer = freshEmail('newcomer');
    const refused = await signInWith('github', person(newcomer));
    expect(refused.redirect).toBe('/signin?error=RegistrationClosed');
    expect(refused.session).toBeNull();
    expect(await row(newcomer)).toBeUndefined();

    const again = await signInWith('github', person(existing));
    expect(again.session?.sub).toBe(before.session?.sub);

    const guests = async () =>
      (await db().query<{ n: number }>('select count(*)::int as n from hearth.users where is_guest'))[0]!.n;
    const guestsBefore = await guests();
    const browser = nextAuthClient(options, TEST_ORIGIN);
    const guest = await browser.call('POST', 'callback/guest', {
      body: { csrfToken: await browser.csrfToken(), json: 'true' },
    });
    expect(decodeURIComponent(guest.redirect ?? '')).toContain('are closed on this server');
    expect(await browser.session(SECRET)).toBeNull();
    expect(await guests()).toBe(guestsBefore);

    vi.stubEnv('REGISTRATION_OPEN', 'true');
    const opened = nextAuthClient(options, TEST_ORIGIN);
    await opened.call('POST', 'callback/guest', { body: { csrfToken: await opened.csrfToken(), json: 'true' } });
    expect(await opened.session(SECRET)).toMatchObject({ guest: true });
  });
});
