import { describe, expect, it } from 'vitest';
import { POST } from '@/app/api/v1/users/route';
import { TEST_DATABASES } from '@/lib/testing/databases';
import { linkTo } from '@/lib/testing/mail-catcher';
import { freshEmail, TEST_ORIGIN, useMailAndDatabase } from '@/lib/testing/mail-env';
import { signUpWithPassword, verifyCredentials } from '@/lib/auth/users';

const context = { params: Promise.resolve({}) };
const post = (body: unknown) =>
  POST(
    new Request(`${TEST_ORIGIN}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    context,
  );

describe.each(TEST_DATABASES)('sign-up never reveals a taken address, on $name', ({ open }) => {
  // No per-address budget in the way: its refusals are tested in app/api/v1/quota.test.ts.
  const { db, inbox } = useMailAndDatabase(open, {
    RATE_LIMIT_SIGN_UPS_PER_HOUR_PER_IP: '0',
    RATE_LIMIT_REQUESTS_PER_MINUTE_PER_IP: '0',
  });
  const accounts = async (email: string) =>
    (await db().query<{ n: number }>('select count(*)::int as n from hearth.users where email = $1', [email]))[0]!.n;

  it('answers the same for a new and a taken address; the owner of the taken one gets an email instead', async () => {
    const email = freshEmail('owner');
    const first = await signUpWithPassword({ email, password: 'the owner’s password', name: 'Owner' }, TEST_ORIGIN);
    const welcome = await inbox().waitFor(email, { subject: /Confirm your email/ });
    const again = await signUpWithPassword(
      { email: email.toUpperCase(), password: 'an intruder’s guess', name: 'Intruder' },
      TEST_ORIGIN,
    );
    expect(again).toEqual(first);
    expect(first).toEqual({ email, mail: 'sent' });

    const note = await inbox().waitFor(email, { subject: /Someone tried to sign up/ });
    expect(note.text).toContain('but you already have one');
    expect(linkTo(note, '/signin').url.origin).toBe(TEST_ORIGIN);
    expect(linkTo(note, '/forgot-password').url.origin).toBe(TEST_ORIGIN);
    expect(note.text).not.toMatch(/token=/); // no credential to someone who did not ask for one
    // One account, its password and name as the owner chose them.
    expect(await accounts(email)).toBe(1);
    expect(await verifyCredentials(email, 'the owner’s password')).toMatchObject({ name: 'Owner' });
    expect(await verifyCredentials(email, 'an intruder’s guess')).toBeNull();
    expect(welcome.text).toContain('Hi Owner,');
  });

  it('POST /api/v1/users: the same 202 and body for a new and a taken address (it was 201, then 409)', async () => {
    const email = freshEmail('api');
    const created = await post({ email, password: 'correct horse battery', name: 'Ada' });
    const taken = await post({ email: email.toUpperCase(), password: 'another long one' });
    expect(created.status).toBe(202);
    expect(taken.status).toBe(202);
    const [a, b] = [await created.json(), await taken.json()];
    expect(b).toEqual(a);
    expect(a).toEqual({ email, message: expect.stringContaining('If this address was free') });
    expect(JSON.stringify(a)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/); // no id to tell them apart
    await inbox().waitFor(email, { subject: /Someone tried to sign up/ });
    expect(await accounts(email)).toBe(1);

    const bad = await post({ email: 'not an email', password: 'correct horse battery' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.param).toBe('email');
  });
});
