import { encode } from 'next-auth/jwt';
import { forgetSessionState } from '@/lib/auth/session-state';
import { sessionCookie } from '@/lib/testing/session-cookie';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Problem } from '@/lib/config';
import { openDatabase, type Database } from '@/lib/db';
import { createTestUser } from '@/lib/testing/databases';
import { startOpenAICompatibleServer, type FakeProviderServer } from '@/lib/testing/fake-providers';
import { checkHealth, healthAccess } from './health';

const KEY = 'sk-health-check-key-123456';
const WARNING: Problem = {
  level: 'warning',
  code: 'redis_missing',
  setting: 'REDIS_URL',
  message: 'REDIS_URL is not set.',
};

describe('health', () => {
  let db: Database;
  let server: FakeProviderServer;
  beforeAll(async () => {
    db = await openDatabase({ memory: true });
    server = await startOpenAICompatibleServer({ apiKey: KEY });
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('reports the database up with its latency, and which providers are configured', async () => {
    const health = await checkHealth({ db, env: { GROQ_API_KEY: 'x' }, configuration: [] });
    expect(health.status).toBe('ok');
    expect(health.database).toMatchObject({ status: 'up', kind: 'pglite' });
    expect(health.database.latency_ms).toBeGreaterThanOrEqual(0);
    const configured = Object.fromEntries(health.providers.map((p) => [p.id, p.configured]));
    expect(configured).toEqual({ google: false, groq: true, openrouter: false, openai: false, local: false });
    expect(health.providers.every((p) => p.key === undefined)).toBe(true);
  });

  it('reports, per language, who transcribes a call and who speaks its replies', async () => {
    const none = await checkHealth({ db, env: {} });
    expect(none.speech['fr-FR']).toEqual({ stt: null, tts: null });
    const both = await checkHealth({ db, env: { GROQ_API_KEY: 'x', OPENAI_API_KEY: 'y' } });
    expect(Object.keys(both.speech)).toEqual(['en-US', 'es-ES', 'fr-FR', 'de-DE', 'nl-NL', 'it-IT']);
    expect(both.speech['nl-NL']).toEqual({ stt: 'groq', tts: 'openai' });
  });

  it('checks keys only when asked, caches the answer, and never prints the key', async () => {
    const env = {
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: server.url,
      LOCAL_LLM_BASE_URL: server.url,
      LOCAL_LLM_API_KEY: 'wrong-key-abcdef',
    };
    const first = await checkHealth({ db, env, deep: true, configuration: [] });
    expect(first.status).toBe('degraded'); // the local server refused its key
    const byId = Object.fromEntries(first.providers.map((p) => [p.id, p]));
    expect(byId.openai!.key).toMatchObject({ valid: true });
    expect(byId.local!.key).toMatchObject({ valid: false, detail: 'HTTP 401' });
    expect(JSON.stringify(first)).not.toContain(KEY);
    expect(JSON.stringify(first)).not.toContain('wrong-key-abcdef');
    const calls = server.requests.length;
    await checkHealth({ db, env, deep: true });
    expect(server.requests.length).toBe(calls);
  });

  it('is down when the database does not answer', async () => {
    const closed = await openDatabase({ memory: true });
    await closed.close();
    const health = await checkHealth({ db: closed, configuration: [] });
    expect(health).toMatchObject({ status: 'down', database: { status: 'down' } });
  });

  it('is degraded, not ok, while the configuration has problems, and lists them', async () => {
    const health = await checkHealth({ db, env: {}, configuration: [WARNING] });
    expect(health.status).toBe('degraded');
    expect(health.configuration).toEqual([WARNING]);
  });

  it('is ok after a deep check whose keys were all accepted', async () => {
    const health = await checkHealth({
      db,
      env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url },
      deep: true,
      configuration: [],
    });
    expect(health.status).toBe('ok');
  });
});

describe('who may read the health details', () => {
  const TOKEN = 'health-token-0123456789abcdef';
  const SECRET = 'health-test-session-secret-0123456789';
  let db: Database;
  const globalDb = globalThis as { __hearthDb?: Promise<Database> };
  const previousDb = globalDb.__hearthDb;
  beforeAll(async () => {
    vi.stubEnv('NEXTAUTH_SECRET', SECRET);
    db = await openDatabase({ memory: true });
    globalDb.__hearthDb = Promise.resolve(db);
  });
  afterAll(async () => {
    globalDb.__hearthDb = previousDb;
    vi.unstubAllEnvs();
    await db?.close();
  });

  const request = (headers: Record<string, string> = {}) => new Request('http://hearth.test/api/health', { headers });
  const sessionOf = async (id: string, role: 'user' | 'admin') => ({
    cookie: await sessionCookie(db, { id }, SECRET, { role }),
  });

  it('opens them to the HEALTH_TOKEN as a bearer token, and refuses any other token with a 401', async () => {
    expect(await healthAccess(request({ authorization: `Bearer ${TOKEN}` }), TOKEN)).toBe('details');
    for (const wrong of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, 'Bearer', `Basic ${TOKEN}`]) {
      await expect(healthAccess(request({ authorization: wrong }), TOKEN)).rejects.toMatchObject({
        code: 'unauthorized',
        status: 401,
      });
    }
    // No HEALTH_TOKEN on the server: no token opens anything.
    await expect(healthAccess(request({ authorization: 'Bearer undefined' }), undefined)).rejects.toMatchObject({
      status: 401,
    });
  });

  it("opens them to an enabled admin's session only, checked in the database", async () => {
    expect(await healthAccess(request(), TOKEN)).toBe('anonymous');
    const user = await createTestUser(db, 'health-user');
    expect(await healthAccess(request(await sessionOf(user.id, 'user')), TOKEN)).toBe('user');
    const admin = await createTestUser(db, 'health-admin');
    await db.query("update hearth.users set role = 'admin' where id = $1", [admin.id]);
    const asAdmin = await sessionOf(admin.id, 'admin');
    expect(await healthAccess(request(asAdmin), TOKEN)).toBe('details');
    // A token that still says admin after the account was demoted, or disabled: its session has ended.
    await db.query("update hearth.users set role = 'user' where id = $1", [admin.id]);
    forgetSessionState(admin.id); // as the few seconds this process trusts its last look would
    expect(await healthAccess(request(asAdmin), TOKEN)).toBe('anonymous');
    expect(await healthAccess(request(await sessionOf(admin.id, 'admin')), TOKEN)).toBe('anonymous');
    await db.query("update hearth.users set role = 'admin' where id = $1", [admin.id]);
    const again = await sessionOf(admin.id, 'admin');
    await db.query('update hearth.users set disabled_at = now() where id = $1', [admin.id]);
    forgetSessionState(admin.id);
    expect(await healthAccess(request(again), TOKEN)).toBe('anonymous');
    // A forged cookie is no session.
    const forged = `next-auth.session-token=${await encode({ token: { sub: admin.id, role: 'admin' }, secret: 'another-secret-entirely-0123456789' })}`;
    expect(await healthAccess(request({ cookie: forged }), TOKEN)).toBe('anonymous');
  });
});
