import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST as chat } from '@/app/api/chat/route';
import { POST as createKey } from '@/app/api/v1/api-keys/route';
import { POST as createCall } from '@/app/api/v1/calls/route';
import { POST as completions } from '@/app/api/v1/chat/completions/route';
import { PATCH as memorySettings } from '@/app/api/v1/companions/[companion]/memories/route';
import { POST as upload } from '@/app/api/v1/uploads/route';
import { GET as usage } from '@/app/api/v1/usage/route';
import { updateUser } from '@/lib/admin/users';
import { createApiKey } from '@/lib/api-keys/keys';
import { endSessionAtSignOut } from '@/lib/auth/sessions';
import { openDatabase, type Database } from '@/lib/db';
import { withAnon } from '@/lib/db/scope';
import { createTestUser } from '@/lib/testing/databases';
import { sessionCookie } from '@/lib/testing/session-cookie';

/**
 * The session checks through the real route handlers: an old cookie of a disabled account, a
 * signed-out session and a demoted admin, on the routes the attack used.
 */
const SECRET = 'session-checks-secret-0123456789abcdef';

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES: {
  name: string;
  handler: Handler;
  method: string;
  path: string;
  body?: unknown;
  params?: Record<string, string>;
}[] = [
  {
    name: 'chat/completions',
    handler: completions as Handler,
    method: 'POST',
    path: '/api/v1/chat/completions',
    body: {},
  },
  { name: 'uploads', handler: upload as Handler, method: 'POST', path: '/api/v1/uploads' },
  {
    name: 'new API keys',
    handler: createKey as Handler,
    method: 'POST',
    path: '/api/v1/api-keys',
    body: { name: 'Script' },
  },
  {
    name: 'memory settings',
    handler: memorySettings as Handler,
    method: 'PATCH',
    path: '/api/v1/companions/ada/memories',
    body: { enabled: false },
    params: { companion: 'ada' },
  },
  { name: 'calls', handler: createCall as Handler, method: 'POST', path: '/api/v1/calls', body: {} },
  // A conversation nobody has: a live session gets a 404 from the turn, an ended one a 401 before it.
  {
    name: 'the web chat',
    handler: chat as Handler,
    method: 'POST',
    path: '/api/chat',
    body: { action: 'send', conversationId: crypto.randomUUID(), text: 'Hello' },
  },
];

describe('sessions checked on every request', () => {
  let db: Database;
  const globalDb = globalThis as { __hearthDb?: Promise<Database> };
  const previousDb = globalDb.__hearthDb;
  beforeAll(async () => {
    db = await openDatabase({ memory: true });
    globalDb.__hearthDb = Promise.resolve(db);
  });
  beforeEach(() => {
    vi.stubEnv('NEXTAUTH_SECRET', SECRET);
    vi.stubEnv('RATE_LIMIT_REQUESTS_PER_MINUTE_PER_IP', '0');
  });
  afterEach(() => vi.unstubAllEnvs());
  afterAll(async () => {
    globalDb.__hearthDb = previousDb;
    await db?.close();
  });

  const call = (route: (typeof ROUTES)[number], headers: Record<string, string>) =>
    route.handler(
      new Request(`http://hearth.test${route.path}`, {
        method: route.method,
        headers: { 'content-type': 'application/json', ...headers },
        body: route.body === undefined ? undefined : JSON.stringify(route.body),
      }),
      { params: Promise.resolve(route.params ?? {}) },
    );

  async function admin() {
    const user = await createTestUser(db, 'admin');
    await db.query("update hearth.users set role = 'admin' where id = $1", [user.id]);
    return user;
  }

  it.each(ROUTES)("refuses a disabled account's old cookie with a 401 on $name", async (route) => {
    const user = await createTestUser(db, 'soon-disabled');
    const cookie = await sessionCookie(db, user, SECRET);
    expect((await call(route, { cookie })).status).not.toBe(401);
    await updateUser(await admin(), user.id, { disabled: true }, db);
    const refused = await call(route, { cookie });
    expect(refused.status).toBe(401);
    expect((await refused.json()).error).toEqual({
      type: 'authentication_error',
      message: 'Your session has ended. Please sign in again.',
    });
  });

  it.each(ROUTES)('refuses the token of a session that was signed out on $name', async (route) => {
    const user = await createTestUser(db, 'signed-out');
    const cookie = await sessionCookie(db, user, SECRET);
    const other = await sessionCookie(db, user, SECRET);
    expect((await call(route, { cookie })).status).not.toBe(401);
    const token = await (await import('next-auth/jwt')).decode({ token: cookie.split('=')[1]!, secret: SECRET });
    await endSessionAtSignOut({ id: user.id, sessionId: token!.sessionId! }, db);
    expect((await call(route, { cookie })).status).toBe(401);
    expect((await call(route, { cookie: other })).status).not.toBe(401);
  });

  it('takes the admin tier from a demoted admin at once: the old cookie ends, and their key counts as a user’s', async () => {
    const boss = await admin();
    const demoted = await admin();
    const cookie = await sessionCookie(db, demoted, SECRET, { role: 'admin' });
    const { key } = await createApiKey(demoted, 'Script', db);
    const tier = async (headers: Record<string, string>) => {
      const response = await usage(new Request('http://hearth.test/api/v1/usage', { headers }), {
        params: Promise.resolve({}),
      });
      return response.status === 200 ? response.headers.get('x-ratelimit-limit') : response.status;
    };
    expect(await tier({ cookie })).toBe('600');
    expect(await tier({ authorization: `Bearer ${key}` })).toBe('600');
    await updateUser(boss, demoted.id, { role: 'user' }, db);
    expect(await tier({ cookie })).toBe(401);
    expect(await tier({ authorization: `Bearer ${key}` })).toBe('60');
  });

  it('checks a chat turn’s session in the same statement as its quota: no round trip before it', async () => {
    const user = await createTestUser(db, 'chatter');
    const cookie = await sessionCookie(db, user, SECRET);
    const statements: string[] = [];
    const recording: Database = {
      ...db,
      query: (sql, params) => (statements.push(sql), db.query(sql, params)),
      transaction: (fn, settings) =>
        db.transaction(
          (tx) => fn({ ...tx, query: (sql, params) => (statements.push(sql), tx.query(sql, params)) }),
          settings,
        ),
    };
    globalDb.__hearthDb = Promise.resolve(recording);
    try {
      expect((await call(ROUTES[5]!, { cookie })).status).toBe(404);
    } finally {
      globalDb.__hearthDb = Promise.resolve(db);
    }
    // The session, the quotas, the day's budget and the stream slot: one statement.
    expect(statements[0]).toMatch(/hearth\.reply_take\(/);
    expect(statements.filter((sql) => /auth_session_state|set_config\('role', 'hearth_anon'/.test(sql))).toEqual([]);
  });

  it('refuses API keys to guests with a 403, and keys a guest made before stop working', async () => {
    const [row] = await withAnon(
      (tx) => tx.query<{ id: string }>("select hearth.auth_register_user(null, 'Guest', null, true) as id"),
      db,
    );
    const guest = { id: row!.id };
    const cookie = await sessionCookie(db, guest, SECRET, { isGuest: true });
    const refused = await call(ROUTES[2]!, { cookie });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toMatch(/^Guests can’t create API keys\. Create an account/);
    // A key planted for a guest (as one could be made before) does not open the API.
    await db.query("insert into hearth.api_keys (user_id, name, prefix, key_hash) values ($1, 'old', 'hk_old', $2)", [
      guest.id,
      'f'.repeat(64),
    ]);
    const [owner] = await withAnon((tx) => tx.query('select * from hearth.auth_api_key($1)', ['f'.repeat(64)]), db);
    expect(owner).toBeUndefined();
  });
});
