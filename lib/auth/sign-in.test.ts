import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '@/lib/db';
import { withAnon } from '@/lib/db/scope';
import { isHearthError } from '@/lib/errors';
import { TEST_DATABASES } from '@/lib/testing/databases';
import { withAuthRequest } from './auth-request';
import { KNOWN_DEVICE_COOKIE } from './known-device';
import { hashPassword, verifyPassword } from './password';
import { signInWithPassword } from './sign-in';
import { SignInThrottle } from './sign-in-throttle';
import { ACCOUNT_DISABLED } from './users';

const SECRET = 'sign-in-test-secret-0123456789abcdef';
const PASSWORD = 'a quiet harbour at dusk';
const MINUTE = 60_000;

describe.each(TEST_DATABASES)('signing in with a password on $name', ({ open }) => {
  let db: Database;
  let hash: string;
  const globalDb = globalThis as { __hearthDb?: Promise<Database> };
  const previousDb = globalDb.__hearthDb;
  const clock = { now: Date.UTC(2026, 11, 7, 9, 0, 0) };
  let verifications = 0;
  const countingVerify = (stored: string, password: string) => {
    verifications += 1;
    return verifyPassword(stored, password);
  };

  beforeAll(async () => {
    db = await open();
    globalDb.__hearthDb = Promise.resolve(db);
    hash = await hashPassword(PASSWORD);
  });
  beforeEach(() => {
    vi.stubEnv('NEXTAUTH_SECRET', SECRET);
    vi.stubEnv('TRUST_PROXY', '');
    vi.stubEnv('VERCEL', '');
    verifications = 0;
    clock.now += 2 * 24 * 60 * MINUTE; // every test starts after the previous one's keys were forgotten
  });
  afterEach(() => vi.unstubAllEnvs());
  afterAll(async () => {
    globalDb.__hearthDb = previousDb;
    await db?.close();
  });

  const throttle = () =>
    new SignInThrottle(
      async () => db,
      () => clock.now,
    );
  async function account(label: string, passwordHash: string | null = hash): Promise<string> {
    const email = `${label}-${crypto.randomUUID()}@test.hearth.local`;
    await withAnon(
      (tx) => tx.query('select hearth.auth_register_user($1, $2, $3, false)', [email, label, passwordHash]),
      db,
    );
    return email;
  }

  /** One attempt, as next-auth's authorize() makes it, from a browser with these headers. */
  async function attempt(email: string, password: string, headers: Record<string, string> = {}, limiter = throttle()) {
    let outcome: 'in' | 'wrong' | 'disabled' | { wait: number; message: string } = 'wrong';
    let setCookie: string | null = null;
    const response = await withAuthRequest(
      new Request('http://hearth.test/api/auth/callback/credentials', { method: 'POST', headers }),
      async () => {
        try {
          outcome = (await signInWithPassword({ email, password }, { throttle: limiter, verify: countingVerify }))
            ? 'in'
            : 'wrong';
        } catch (error) {
          if (isHearthError(error) && error.code === 'forbidden' && error.message === ACCOUNT_DISABLED)
            return ((outcome = 'disabled'), new Response(null));
          if (!isHearthError(error) || error.code !== 'rate_limited') throw error;
          outcome = { wait: Number(error.headers!['retry-after']), message: error.message };
        }
        return new Response(null);
      },
    );
    setCookie = response.headers.get('set-cookie');
    return { outcome: outcome as 'in' | 'wrong' | 'disabled' | { wait: number; message: string }, setCookie };
  }
  const outcomeOf = async (email: string, password: string, headers?: Record<string, string>) =>
    (await attempt(email, password, headers)).outcome;

  it('checks exactly one password hash per attempt, whether or not the email has an account', async () => {
    const known = await account('known');
    const withoutPassword = await account('oauth-only', null);
    const disabled = await account('disabled');
    await db.query('update hearth.users set disabled_at = now() where email = $1', [disabled]);
    const cases: [string, string, 'in' | 'wrong' | 'disabled'][] = [
      [known, 'not the password', 'wrong'],
      [known, PASSWORD, 'in'],
      [`nobody-${crypto.randomUUID()}@test.hearth.local`, PASSWORD, 'wrong'],
      [withoutPassword, PASSWORD, 'wrong'],
      [disabled, 'not the password', 'wrong'],
      // Told it is disabled only with its right password (review D18): nobody else learns it exists.
      [disabled, PASSWORD, 'disabled'],
    ];
    for (const [email, password, expected] of cases) {
      verifications = 0;
      expect(await outcomeOf(email, password)).toBe(expected);
      expect(verifications).toBe(1);
    }
  });

  it('does not let 40 wrong passwords and then the right one in, even when each waits as long as it is told', async () => {
    const email = await account('target');
    // In a burst: five are checked, then every attempt waits.
    const burst = [];
    for (let i = 0; i < 40; i++) burst.push(await outcomeOf(email, `guess number ${i}`));
    expect(burst.filter((o) => o === 'wrong')).toHaveLength(5);
    expect(verifications).toBe(5);
    expect(await outcomeOf(email, PASSWORD)).toEqual({
      wait: 1,
      message: 'Too many sign-in attempts. Try again in 1 second.',
    });

    // Patiently: every wait sat out, 40 wrong guesses checked in all; then the right one must wait 15 minutes.
    let checked = 5;
    while (checked < 40) {
      const outcome = await outcomeOf(email, `patient guess ${checked}`);
      if (outcome === 'wrong') checked += 1;
      else if (typeof outcome === 'object') clock.now += outcome.wait * 1000;
    }
    expect(await outcomeOf(email, PASSWORD)).toEqual({
      wait: 15 * 60,
      message: 'Too many sign-in attempts. Try again in 15 minutes.',
    });
    // ... and never longer: 15 minutes on, the owner gets in, and the count starts again.
    clock.now += 15 * MINUTE;
    expect(await outcomeOf(email, PASSWORD)).toBe('in');
    expect(await outcomeOf(email, 'one typo')).toBe('wrong');
    expect(await outcomeOf(email, PASSWORD)).toBe('in');
  });

  it('throttles an email with no account exactly as one with an account, saying the same', async () => {
    const known = await account('known-twin');
    const unknown = `unknown-${crypto.randomUUID()}@test.hearth.local`;
    const run = async (email: string) => {
      const seen = [];
      for (let i = 0; i < 8; i++) seen.push(await outcomeOf(email, `wrong guess ${i}`));
      return seen;
    };
    expect(await run(unknown)).toEqual(await run(known));
  });

  it('does not lock the owner out of a browser they signed in on before, while failures from elsewhere lock everyone else', async () => {
    const email = await account('owner');
    const { outcome, setCookie } = await attempt(email, PASSWORD);
    expect(outcome).toBe('in');
    expect(setCookie).toMatch(
      new RegExp(`^${KNOWN_DEVICE_COOKIE}=[^;]+; Path=/api/auth/callback; Max-Age=\\d+; HttpOnly; SameSite=Lax$`),
    );
    const device = { cookie: setCookie!.split(';')[0]! };

    for (let i = 0; i < 20; i++) await outcomeOf(email, `attacker guess ${i}`);
    expect(await outcomeOf(email, PASSWORD)).toMatchObject({ wait: expect.any(Number) });
    expect(await outcomeOf(email, PASSWORD, device)).toBe('in');

    // The device has a budget of its own: a stolen cookie is throttled like the account.
    const fromDevice = [];
    for (let i = 0; i < 10; i++) fromDevice.push(await outcomeOf(email, `wrong guess ${i}`, device));
    expect(fromDevice.filter((o) => o === 'wrong')).toHaveLength(5);
    // A forged or altered cookie counts as none.
    const forged = { cookie: `${device.cookie.slice(0, -3)}abc` };
    expect(await outcomeOf(email, PASSWORD, forged)).toMatchObject({ wait: expect.any(Number) });
  });

  it('throttles a client address over every account when the address is known, and not when it is not', async () => {
    vi.stubEnv('TRUST_PROXY', 'true');
    const from = (address: string) => ({ 'x-forwarded-for': address });
    const victim = await account('victim');
    for (let i = 0; i < 30; i++)
      await outcomeOf(`stuffed-${i}-${crypto.randomUUID()}@test.hearth.local`, 'Password1!', from('198.51.100.66'));
    expect(await outcomeOf(victim, PASSWORD, from('198.51.100.66'))).toMatchObject({ wait: 1 });
    expect(await outcomeOf(victim, PASSWORD, from('198.51.100.67'))).toBe('in');

    // Without a trusted proxy every client is one address: counting it would lock out everyone.
    vi.stubEnv('TRUST_PROXY', '');
    const bystander = await account('bystander');
    for (let i = 0; i < 40; i++) await outcomeOf(`stuffed-${i}-${crypto.randomUUID()}@test.hearth.local`, 'Password1!');
    expect(await outcomeOf(bystander, PASSWORD)).toBe('in');
  });

  it('lets no more guesses through than the schedule allows when they arrive at once', async () => {
    const email = await account('parallel');
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => outcomeOf(email, `parallel ${i}`)));
    expect(outcomes.filter((o) => o === 'wrong').length).toBeLessThanOrEqual(5);
    expect(verifications).toBeLessThanOrEqual(5);
  });
});
