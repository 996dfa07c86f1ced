import { NextRequest } from 'next/server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { endSessionAtSignOut } from '@/lib/auth/sessions';
import { openDatabase, type Database } from '@/lib/db';
import { createTestUser } from '@/lib/testing/databases';
import { sessionCookie } from '@/lib/testing/session-cookie';
import { middleware } from '@/middleware';

const SECRET = 'middleware-test-secret-0123456789abcdef';

describe('the middleware in front of every page', () => {
  let db: Database;
  const globalDb = globalThis as { __hearthDb?: Promise<Database> };
  const previousDb = globalDb.__hearthDb;
  beforeAll(async () => {
    db = await openDatabase({ memory: true });
    globalDb.__hearthDb = Promise.resolve(db);
  });
  beforeEach(() => vi.stubEnv('NEXTAUTH_SECRET', SECRET));
  afterEach(() => vi.unstubAllEnvs());
  afterAll(async () => {
    globalDb.__hearthDb = previousDb;
    await db?.close();
  });

  const page = (path: string, cookie?: string) =>
    middleware(new NextRequest(`http://hearth.test${path}`, { headers: cookie ? { cookie } : {} }));

  it('signs out a page visit whose session has ended: its cookie goes and the person is sent to sign in', async () => {
    const user = await createTestUser(db, 'visitor');
    const cookie = await sessionCookie(db, user, SECRET);
    const live = await page('/chat/abc?x=1', cookie);
    expect(live.headers.get('x-middleware-next')).toBe('1');

    const { decode } = await import('next-auth/jwt');
    const token = await decode({ token: cookie.split('=')[1]!, secret: SECRET });
    await endSessionAtSignOut({ id: user.id, sessionId: token!.sessionId! }, db);
    const ended = await page('/chat/abc?x=1', cookie);
    expect(ended.status).toBe(307);
    expect(ended.headers.get('location')).toBe('http://hearth.test/signin?callbackUrl=%2Fchat%2Fabc%3Fx%3D1');
    expect(ended.headers.getSetCookie().some((c) => /^next-auth\.session-token=;/.test(c))).toBe(true);
  });

  it('allows Cloudflare Turnstile in the CSP when the human check is configured, and only then', async () => {
    const csp = async () => (await page('/signup')).headers.get('content-security-policy')!;
    expect(await csp()).not.toContain('challenges.cloudflare.com');
    vi.stubEnv('TURNSTILE_SITE_KEY', 'site-key');
    vi.stubEnv('TURNSTILE_SECRET_KEY', 'secret-key');
    const policy = await csp();
    expect(policy).toMatch(/script-src [^;]*https:\/\/challenges\.cloudflare\.com/);
    expect(policy).toMatch(/frame-src 'self' https:\/\/challenges\.cloudflare\.com/);
  });
});
