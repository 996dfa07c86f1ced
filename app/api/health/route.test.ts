import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '@/lib/db';
import { createTestUser } from '@/lib/testing/databases';
import { sessionCookie } from '@/lib/testing/session-cookie';
import { startOpenAICompatibleServer, type FakeProviderServer } from '@/lib/testing/fake-providers';
import { GET } from './route';

/** GET /api/health through its real handler: what a stranger, a monitor and an admin each get. */
const TOKEN = 'health-route-token-0123456789abcdef';
const SECRET = 'health-route-session-secret-0123456789';
const PROVIDER_KEY = 'sk-health-route-key-123456';

describe('GET /api/health', () => {
  let db: Database;
  let server: FakeProviderServer;
  let adminCookie: string;
  let userCookie: string;
  const globalDb = globalThis as { __hearthDb?: Promise<Database> };
  const previousDb = globalDb.__hearthDb;

  beforeAll(async () => {
    vi.stubEnv('NEXTAUTH_SECRET', SECRET);
    db = await openDatabase({ memory: true });
    globalDb.__hearthDb = Promise.resolve(db);
    server = await startOpenAICompatibleServer({ apiKey: PROVIDER_KEY });
    const admin = await createTestUser(db, 'route-admin');
    await db.query("update hearth.users set role = 'admin' where id = $1", [admin.id]);
    adminCookie = await sessionCookie(db, admin, SECRET, { role: 'admin' });
    const user = await createTestUser(db, 'route-user');
    userCookie = await sessionCookie(db, user, SECRET);
  });
  beforeEach(() => {
    // A deployment with nothing wrong in its settings: only these, whatever the test run's own environment holds.
    for (const name of [
      'VERCEL',
      'VERCEL_ENV',
      'DATABASE_URL',
      'POSTGRES_URL',
      'REDIS_URL',
      'SUPABASE_URL',
      'SUPABASE_SERVICE_ROLE_KEY',
      'CRON_SECRET',
      'NEXTAUTH_URL',
    ])
      vi.stubEnv(name, '');
    vi.stubEnv('NEXTAUTH_SECRET', SECRET);
    vi.stubEnv('HEALTH_TOKEN', TOKEN);
    vi.stubEnv('OPENAI_API_KEY', PROVIDER_KEY);
    vi.stubEnv('OPENAI_BASE_URL', server.url);
  });
  afterEach(() => vi.unstubAllEnvs());
  afterAll(async () => {
    globalDb.__hearthDb = previousDb;
    await server?.close();
    await db?.close();
  });

  const get = (query = '', headers: Record<string, string> = {}) =>
    GET(new Request(`http://hearth.test/api/health${query}`, { headers }), { params: Promise.resolve({}) });

  it('tells a stranger only the status, uncached', async () => {
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ok' });
    // Signed in without being an admin is no different.
    expect(await (await get('', { cookie: userCookie })).json()).toEqual({ status: 'ok' });
  });

  it('refuses ?deep=1 to a stranger with a 401 in the error envelope, and to a non-admin with a 403', async () => {
    const response = await get('?deep=1');
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: {
        type: 'authentication_error',
        message: 'A deep health check needs an admin session or Authorization: Bearer <HEALTH_TOKEN>.',
      },
    });
    expect(server.requests.length).toBe(0);
    const user = await get('?deep=1', { cookie: userCookie });
    expect(user.status).toBe(403);
    expect((await user.json()).error.type).toBe('permission_error');
  });

  it('gives a monitor with HEALTH_TOKEN the details, and a deep check of the keys', async () => {
    const shallow = await (await get('', { authorization: `Bearer ${TOKEN}` })).json();
    expect(shallow).toMatchObject({ status: 'ok', database: { status: 'up', kind: 'pglite' }, configuration: [] });
    expect(shallow.providers.find((p: { id: string }) => p.id === 'openai')).toEqual({
      id: 'openai',
      name: 'OpenAI',
      configured: true,
    });
    const deep = await (await get('?deep=1', { authorization: `Bearer ${TOKEN}` })).json();
    expect(deep.providers.find((p: { id: string }) => p.id === 'openai').key).toMatchObject({ valid: true });
    expect(JSON.stringify(deep)).not.toContain(PROVIDER_KEY);
  });

  it('refuses a wrong token with a 401 rather than answering as to a stranger', async () => {
    const response = await get('', { authorization: 'Bearer not-the-token' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect((await response.json()).error.type).toBe('authentication_error');
  });

  it("gives an admin's session the details", async () => {
    const body = await (await get('', { cookie: adminCookie })).json();
    expect(body).toMatchObject({ status: 'ok', database: { status: 'up' } });
    expect(Object.keys(body.speech)).toContain('en-US');
  });

  it('is degraded while a setting has a problem; the stranger learns no more than that', async () => {
    vi.stubEnv('VERCEL_ENV', 'preview');
    vi.stubEnv('VERCEL_URL', 'hearth-git-branch.vercel.app');
    vi.stubEnv('NEXTAUTH_URL', 'https://hearth.example.com');
    const stranger = await get();
    expect(stranger.status).toBe(200);
    expect(await stranger.json()).toEqual({ status: 'degraded' });
    const admin = await (await get('', { cookie: adminCookie })).json();
    expect(admin.status).toBe('degraded');
    expect(admin.configuration).toEqual([expect.objectContaining({ level: 'warning', code: 'preview_nextauth_url' })]);
  });

  it('is down, with a 503, when the database cannot be reached', async () => {
    const closed = await openDatabase({ memory: true });
    await closed.close();
    globalDb.__hearthDb = Promise.resolve(closed);
    try {
      const response = await get();
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'down' });
      // An admin too: the session cannot be checked against the database, so no details, no error.
      const admin = await get('', { cookie: adminCookie });
      expect(admin.status).toBe(503);
      expect(await admin.json()).toEqual({ status: 'down' });
    } finally {
      globalDb.__hearthDb = Promise.resolve(db);
    }
  });
});
