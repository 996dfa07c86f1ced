import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '@/lib/config';
import { mailAvailable } from '@/lib/mail/delivery';
import { TEST_DATABASES } from '@/lib/testing/databases';
import { linkTo } from '@/lib/testing/mail-catcher';
import { freshEmail, TEST_ORIGIN, useMailAndDatabase } from '@/lib/testing/mail-env';
import { changePassword, hasPassword } from './password-change';
import { requestPasswordReset, resetPassword } from './password-recovery';
import { signUpWithPassword, verifyCredentials } from './users';
import { isVerified } from './verification';

const OLD = 'the old password';
const NEW = 'a brand new password';

describe.each(TEST_DATABASES)('forgot password, reset and change on $name', ({ open }) => {
  const { db, inbox } = useMailAndDatabase(open);
  const account = async (label: string) => {
    const email = freshEmail(label);
    await signUpWithPassword({ email, password: OLD, name: 'Sam' }, TEST_ORIGIN);
    await inbox().waitFor(email, { subject: /Confirm/ });
    const [row] = await db().query<{ id: string }>('select id from hearth.users where email = $1', [email]);
    return { email, id: row!.id };
  };
  const version = async (id: string) =>
    (await db().query<{ v: number }>('select session_version as v from hearth.users where id = $1', [id]))[0]!.v;

  it('mails a reset link to an account; the link sets a new password once, proves the address and ends every session', async () => {
    const { email, id } = await account('forgetful');
    const before = await version(id);
    const asked = inbox().mails.length;
    await expect(requestPasswordReset({ email: email.toUpperCase() }, TEST_ORIGIN, db())).resolves.toBeUndefined();
    const mail = await inbox().waitFor(email, { subject: /Reset your Hearth password/, after: asked });
    expect(mail.text).toContain('Hi Sam,');
    const { url, token } = linkTo(mail, '/reset-password');
    expect(url.origin).toBe(TEST_ORIGIN);

    await expect(resetPassword({ token, password: 'short' }, db())).rejects.toMatchObject({
      status: 400,
      param: 'password',
    });
    await expect(resetPassword({ token, password: NEW }, db())).resolves.toEqual({ email });
    expect(await verifyCredentials(email, OLD)).toBeNull();
    expect(await verifyCredentials(email, NEW)).toMatchObject({ id });
    expect(await version(id)).toBe(before + 1);
    expect(await isVerified(id, db())).toBe(true); // the link reached the inbox

    await expect(resetPassword({ token, password: 'yet another password' }, db())).rejects.toMatchObject({
      status: 400,
      param: 'token',
    });
    expect(await verifyCredentials(email, NEW)).toMatchObject({ id });
  });

  it('answers the same for an address with no account, and mails nobody', async () => {
    const nobody = freshEmail('nobody');
    const sent = inbox().mails.length;
    await expect(requestPasswordReset({ email: nobody }, TEST_ORIGIN, db())).resolves.toBeUndefined();
    // Give a stray message time to arrive, then check none did.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      inbox()
        .mails.slice(sent)
        .filter((m) => m.to.includes(nobody)),
    ).toEqual([]);
    await expect(requestPasswordReset({ email: 'not an email' }, TEST_ORIGIN, db())).rejects.toMatchObject({
      status: 400,
      param: 'email',
    });
  });

  it('refuses an expired link, and one a newer link replaced', async () => {
    const { email, id } = await account('slow');
    await requestPasswordReset({ email }, TEST_ORIGIN, db());
    const first = linkTo(await inbox().waitFor(email, { subject: /Reset/ }), '/reset-password').token;
    await db().query("update hearth.email_tokens set created_at = now() - interval '2 minutes' where user_id = $1", [
      id,
    ]);
    const asked = inbox().mails.length;
    await requestPasswordReset({ email }, TEST_ORIGIN, db());
    const second = linkTo(await inbox().waitFor(email, { subject: /Reset/, after: asked }), '/reset-password').token;
    await expect(resetPassword({ token: first, password: NEW }, db())).rejects.toMatchObject({
      status: 400,
      param: 'token',
    });
    await db().query(
      "update hearth.email_tokens set expires_at = now() - interval '1 second' where user_id = $1 and used_at is null",
      [id],
    );
    await expect(resetPassword({ token: second, password: NEW }, db())).rejects.toMatchObject({
      status: 410,
      message: expect.stringContaining('expired'),
    });
    expect(await verifyCredentials(email, OLD)).toMatchObject({ id });
  });

  it('changes a password only with the current one, ends the other sessions and tells the owner by email', async () => {
    const { email, id } = await account('changer');
    const before = await version(id);
    await expect(
      changePassword({ id }, { currentPassword: 'wrong guess!', newPassword: NEW }, TEST_ORIGIN, db()),
    ).rejects.toMatchObject({ status: 400, param: 'currentPassword' });
    await expect(
      changePassword({ id }, { currentPassword: OLD, newPassword: OLD }, TEST_ORIGIN, db()),
    ).rejects.toMatchObject({ status: 400, param: 'newPassword' });
    expect(await version(id)).toBe(before);

    await expect(
      changePassword({ id }, { currentPassword: OLD, newPassword: NEW }, TEST_ORIGIN, db()),
    ).resolves.toEqual({ sessionVersion: before + 1 });
    expect(await version(id)).toBe(before + 1);
    expect(await verifyCredentials(email, NEW)).toMatchObject({ id });
    expect(await verifyCredentials(email, OLD)).toBeNull();
    const notice = await inbox().waitFor(email, { subject: /password was changed/ });
    expect(linkTo(notice, '/forgot-password').url.origin).toBe(TEST_ORIGIN);
  });

  it('an account without a password (OAuth only) cannot "change" one, and is told how to set one', async () => {
    const email = freshEmail('oauth-only');
    const [row] = await db().query<{ id: string }>(
      "insert into hearth.users (email, name, email_verified_at) values ($1, 'Octo', now()) returning id",
      [email],
    );
    expect(await hasPassword({ id: row!.id }, db())).toBe(false);
    await expect(
      changePassword({ id: row!.id }, { currentPassword: 'anything at all', newPassword: NEW }, TEST_ORIGIN, db()),
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('no password yet'),
    });
    // The reset link is how: it sets the first password.
    await requestPasswordReset({ email }, TEST_ORIGIN, db());
    const { token } = linkTo(await inbox().waitFor(email, { subject: /Reset/ }), '/reset-password');
    await resetPassword({ token, password: NEW }, db());
    expect(await hasPassword({ id: row!.id }, db())).toBe(true);
  });
});

describe('without a way to send mail', () => {
  it('is unavailable in production without SMTP, and says so; development logs the mail instead', async () => {
    expect(mailAvailable(loadConfig({ NODE_ENV: 'production' }))).toBe(false);
    expect(mailAvailable(loadConfig({ NODE_ENV: 'production', MAIL_TO_LOG: '1' }))).toBe(true);
    expect(mailAvailable(loadConfig({ NODE_ENV: 'development' }))).toBe(true);
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('SMTP_URL', '');
    vi.stubEnv('SMTP_HOST', '');
    vi.stubEnv('MAIL_TO_LOG', '');
    try {
      await expect(requestPasswordReset({ email: 'someone@example.com' }, TEST_ORIGIN)).rejects.toMatchObject({
        status: 503,
        message: expect.stringContaining('isn’t available on this server'),
      });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
