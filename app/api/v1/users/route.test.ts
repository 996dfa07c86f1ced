import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '@/lib/db';
import { startFakeTurnstile, type FakeTurnstile } from '@/lib/testing/fake-turnstile';
import { POST } from './route';

/** POST /api/v1/users through its real handler: what a sign-up costs, and what it may not. */
describe('POST /api/v1/users', () => {
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
    // No trusted proxy: every client is one address, the case where junk used to lock everyone out.
    vi.stubEnv('TRUST_PROXY', '');
    vi.stubEnv('VERCEL', '');
    vi.stubEnv('RATE_LIMIT_SIGN_UPS_PER_HOUR_PER_IP', '20');
    await db.query("delete from hearth.rate_limit_counters where bucket like 'signup:%'");
  });
  afterEach(() => vi.unstubAllEnvs());
  afterAll(async () => {
    globalDb.__hearthDb = previousDb;
    await turnstile?.close();
    await db?.close();
  });

  const signUp = (body: unknown) =>
    POST(
      new Request('http://hearth.test/api/v1/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
      {
        params: Promise.resolve({}),
      },
    );
  const email = () => `new-${crypto.randomUUID()}@test.hearth.local`;

  it('spends no sign-up budget on junk: 40 invalid requests, then a real sign-up still gets in', async () => {
    const junk = [
      '{',
      '[]',
      'null',
      { email: 'not an email', password: 'correct horse battery' },
      { email: email(), password: 'short' },
      { email: email() },
      { email: email(), password: '12345678' },
    ];
    for (let i = 0; i < 40; i++) expect((await signUp(junk[i % junk.length])).status).toBe(400);
    expect((await signUp({ email: email(), password: 'correct horse battery' })).status).toBe(202);
  });

  it('refuses 12345678 with a message that says why, naming the field', async () => {
    const response = await signUp({ email: email(), password: '12345678' });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toEqual({
      type: 'invalid_request_error',
      message:
        'This is a heavily used password. Choose another: a few unrelated words together are strong and easy to remember.',
      param: 'password',
    });
  });

  it('counts every sign-up that passes the checks, and asks for the human check when configured, before counting', async () => {
    vi.stubEnv('RATE_LIMIT_SIGN_UPS_PER_HOUR_PER_IP', '2');
    vi.stubEnv('TURNSTILE_SITE_KEY', 'site-key');
    vi.stubEnv('TURNSTILE_SECRET_KEY', turnstile.secret);
    vi.stubEnv('TURNSTILE_VERIFY_URL', turnstile.verifyUrl);
    for (let i = 0; i < 5; i++)
      expect((await signUp({ email: email(), password: 'correct horse battery' })).status).toBe(400);
    expect((await signUp({ email: email(), password: 'correct horse battery', humanCheck: '0.forged' })).status).toBe(
      400,
    );
    expect(
      (await signUp({ email: email(), password: 'correct horse battery', humanCheck: turnstile.issue('signup') }))
        .status,
    ).toBe(202);
    expect(
      (await signUp({ email: email(), password: 'correct horse battery', humanCheck: turnstile.issue('signup') }))
        .status,
    ).toBe(202);
    const third = await signUp({
      email: email(),
      password: 'correct horse battery',
      humanCheck: turnstile.issue('signup'),
    });
    expect(third.status).toBe(429);
    expect((await third.json()).error.code).toBe('sign_ups_per_hour');
  });
});
