import { createRequire } from 'node:module';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionFromRequest } from '@/lib/auth/session';
import { hashPassword } from '@/lib/auth/password';
import { openDatabase, type Database } from '@/lib/db';
import { withAnon } from '@/lib/db/scope';
import { startFakeTurnstile, type FakeTurnstile } from '@/lib/testing/fake-turnstile';

/**
 * The real next-auth route handler, called as Next.js calls it. next-auth's App Router handler
 * reads the request's headers and cookies through next/headers (with require(), at call time),
 * which outside a Next.js server has no request to read: for these tests, that module's two
 * functions answer from the request under test, and are put back afterwards.
 */
let current: Request | null = null;
const nextHeaders = createRequire(import.meta.url)('next/headers') as Record<'headers' | 'cookies', unknown>;
const realNextHeaders = { headers: nextHeaders.headers, cookies: nextHeaders.cookies };
nextHeaders.headers = async () => current!.headers;
nextHeaders.cookies = async () => {
  const all = parseCookies(current!.headers.get('cookie'));
  return {
    getAll: () => Object.entries(all).map(([name, value]) => ({ name, value })),
    get: (name: string) => (name in all ? { name, value: all[name] } : undefined),
    has: (name: string) => name in all,
  };
};
afterAll(() => Object.assign(nextHeaders, realNextHeaders));

function parseCookies(header: string | null): Record<string, string> {
  return Object.fromEntries(
    (header ?? '')
      .split(';')
      .flatMap((pair) =>
        pair.includes('=')
          ? [[pair.slice(0, pair.indexOf('=')).trim(), decodeURIComponent(pair.slice(pair.indexOf('=') + 1).trim())]]
          : [],
      ),
  );
}

const SECRET = 'nextauth-route-secret-0123456789abcdef';
const { GET, POST } = await import('./route');

/** A browser: a cookie jar, and requests through the route as Next.js routes them. */
function browser(headers: Record<string, string> = {}) {
  const jar = new Map<string, string>();
  const request = async (method: 'GET' | 'POST', path: string, form?: Record<string, string>) => {
    const url = `http://hearth.test/api/auth/${path}`;
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    current = new NextRequest(url, {
      method,
      headers: {
        ...headers,
        ...(cookie ? { cookie } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    // The catch-all's segments, decoded as Next.js decodes route params.
    const nextauth = new URL(url).pathname
      .split('/')
      .slice(3)
      .filter(Boolean)
      .map((segment) => decodeURIComponent(segment));
    const handler = method === 'GET' ? GET : POST;
    const response = await handler(current, { params: Promise.resolve({ nextauth }) });
    for (const set of response.headers.getSetCookie()) {
      const [pair, ...attributes] = set.split(';');
      const name = pair!.slice(0, pair!.indexOf('='));
      const value = pair!.slice(pair!.indexOf('=') + 1);
      if (!value || attributes.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()))) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  return {
    jar,
    cookieHeader: () => [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
    /** POST with next-auth's CSRF token, as its client does (json=true: the answer is {url}). */
    post: async (path: string, form: Record<string, string> = {}) => {
      const { csrfToken } = (await (await request('GET', 'csrf')).json()) as { csrfToken: string };
      const response = await request('POST', path, { ...form, csrfToken, json: 'true' });
      const body = (await response.json().catch(() => ({}))) as { url?: string };
      return {
        status: response.status,
        error: body.url ? new URL(body.url).searchParams.get('error') : null,
        response,
      };
    },
  };
}

describe('next-auth route: guests, sign-in and sign-out', () => {
  let db: Database;
  let turnstile: FakeTurnstile;
  const globalDb = globalThis as { __hearthDb?: Promise<Database> };
  const previousDb = globalDb.__hearthDb;
  beforeAll(async () => {
    db = await openDatabase({ memory: true });
    globalDb.__hearthDb = Promise.resolve(db);
    turnstile = await startFakeTurnstile();
  });
  beforeEach(async () => {
    vi.unstubAllEnvs();
    vi.stubEnv('NEXTAUTH_SECRET', SECRET);
    vi.stubEnv('NEXTAUTH_URL', 'http://hearth.test');
    vi.stubEnv('TRUST_PROXY', 'true');
    await db.query("delete from hearth.rate_limit_counters where bucket like 'signup:%'");
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    globalDb.__hearthDb = previousDb;
    await turnstile?.close();
    await db?.close();
  });

  const guests = async () =>
    Number((await db.query<{ n: string }>('select count(*) as n from hearth.users where is_guest'))[0]!.n);

  it('makes guests only within the sign-up quota, whatever shape of /api/auth/callback/* is posted to', async () => {
    vi.stubEnv('RATE_LIMIT_SIGN_UPS_PER_HOUR_PER_IP', '3');
    const shapes = [
      'callback/guest',
      'callback/guest/',
      'callback/guest/anything',
      'callback/guest/a/b/c',
      'callback/guest%2Fx',
      'callback/%67uest',
      'callback/GUEST',
      'callback/Guest',
      'callback/guest%20',
      'callback/guest?x=1',
      'callback/guest#x',
      'callback/guest;x',
      'callback/./guest',
      'callback//guest',
      'callback/credentials',
      'callback/github',
      'callback',
      'callback/',
      'signin/guest',
      'signin/guest/x',
      'session/guest',
    ];
    const before = await guests();
    const outcomes: Record<string, number> = {};
    for (const shape of [...shapes, ...shapes]) {
      const { response } = await browser({ 'x-forwarded-for': '198.51.100.1' }).post(shape);
      outcomes[shape] = response.status;
    }
    // Three made, by whichever shapes came first; none past the quota, by any shape.
    expect(await guests()).toBe(before + 3);
    const [counted] = await db.query<{ count: number }>(
      "select count from hearth.rate_limit_counters where bucket = 'signup:guest:ip:198.51.100.1'",
    );
    expect(counted!.count).toBe(3);
    // Another address is not affected.
    expect((await browser({ 'x-forwarded-for': '198.51.100.2' }).post('callback/guest/whatever')).status).toBe(200);
    expect(await guests()).toBe(before + 4);
  });

  it('tells the guest who is refused why, and closes guests with sign-ups (REGISTRATION_OPEN=false)', async () => {
    vi.stubEnv('RATE_LIMIT_SIGN_UPS_PER_HOUR_PER_IP', '1');
    const from = { 'x-forwarded-for': '198.51.100.10' };
    expect((await browser(from).post('callback/guest')).status).toBe(200);
    const refused = await browser(from).post('callback/guest');
    expect(refused.error).toBe(
      'Too many new accounts from your network this hour (at most 1). Try again in 60 minutes.',
    );
    vi.stubEnv('REGISTRATION_OPEN', 'false');
    const before = await guests();
    const closed = await browser({ 'x-forwarded-for': '198.51.100.11' }).post('callback/guest');
    expect(closed.error).toBe('New accounts, guests included, are closed on this server.');
    expect(await guests()).toBe(before);
  });

  it('asks guests for the human check when it is configured, spending no quota on a failed one', async () => {
    vi.stubEnv('TURNSTILE_SITE_KEY', 'site-key');
    vi.stubEnv('TURNSTILE_SECRET_KEY', turnstile.secret);
    vi.stubEnv('TURNSTILE_VERIFY_URL', turnstile.verifyUrl);
    vi.stubEnv('RATE_LIMIT_SIGN_UPS_PER_HOUR_PER_IP', '1');
    const from = { 'x-forwarded-for': '198.51.100.20' };
    const before = await guests();
    expect((await browser(from).post('callback/guest')).error).toBe(
      'Complete the check that you are a person, then try again.',
    );
    expect((await browser(from).post('callback/guest', { humanCheck: '0.forged' })).error).toMatch(/did not pass/);
    expect(await guests()).toBe(before);
    expect((await browser(from).post('callback/guest', { humanCheck: turnstile.issue('guest') })).status).toBe(200);
    expect(await guests()).toBe(before + 1);
  });

  it('records the session at sign-in, and ends it at sign-out, so a copy of the old cookie is refused', async () => {
    const person = browser({
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
      'x-forwarded-for': '203.0.113.50',
    });
    expect((await person.post('callback/guest')).status).toBe(200);
    const copy = new Request('http://hearth.test/', { headers: { cookie: person.cookieHeader() } });
    const session = await sessionFromRequest(copy);
    expect(session).not.toBeNull();
    const [row] = await db.query<{ user_agent: string; address: string }>(
      'select user_agent, address from hearth.sessions where id = $1',
      [session!.sessionId],
    );
    expect(row).toEqual({ user_agent: 'Firefox on Linux', address: '203.0.113.50' });

    await person.post('signout');
    expect(person.jar.has('next-auth.session-token')).toBe(false);
    expect(await sessionFromRequest(copy)).toBeNull();
  });

  it('says when to try again after too many wrong passwords, and remembers the browser of a right one', async () => {
    const email = `someone-${crypto.randomUUID()}@test.hearth.local`;
    const hash = await hashPassword('a quiet harbour at dusk');
    await withAnon((tx) => tx.query('select hearth.auth_register_user($1, null, $2, false)', [email, hash]), db);
    const person = browser({ 'x-forwarded-for': '203.0.113.60' });
    const wrong = await person.post('callback/credentials', { email, password: 'not the password' });
    expect(wrong.error).toBe('CredentialsSignin');
    const right = await person.post('callback/credentials', { email, password: 'a quiet harbour at dusk' });
    expect(right.status).toBe(200);
    expect(right.response.headers.getSetCookie().some((cookie) => cookie.startsWith('hearth-known-device='))).toBe(
      true,
    );

    const attacker = browser({ 'x-forwarded-for': '192.0.2.99' });
    const errors = [];
    for (let i = 0; i < 8; i++)
      errors.push((await attacker.post('callback/credentials', { email, password: `guess number ${i}` })).error);
    expect(errors.slice(0, 5)).toEqual(Array(5).fill('CredentialsSignin'));
    expect(errors[5]).toMatch(/^Too many sign-in attempts\. Try again in \d+ seconds?\.$/);
    expect((await attacker.post('callback/credentials', { email, password: 'a quiet harbour at dusk' })).error).toMatch(
      /^Too many sign-in attempts/,
    );
    // The owner's browser, known from the sign-in above, still gets in.
    expect((await person.post('callback/credentials', { email, password: 'a quiet harbour at dusk' })).status).toBe(
      200,
    );
  });

  it('sends a person only to paths on this site after signing in', async () => {
    const { authOptions } = await import('@/lib/auth/options');
    const redirect = authOptions().callbacks!.redirect!;
    expect(await redirect({ url: '/\\evil.example', baseUrl: 'http://hearth.test' })).toBe('http://hearth.test/');
    expect(await redirect({ url: 'http://hearth.test/chat/1', baseUrl: 'http://hearth.test' })).toBe(
      'http://hearth.test/chat/1',
    );
    expect(await redirect({ url: 'https://evil.example/', baseUrl: 'http://hearth.test' })).toBe('http://hearth.test/');
  });
});
