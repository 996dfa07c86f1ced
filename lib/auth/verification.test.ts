import { describe, expect, it, vi } from 'vitest';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import { startConversation } from '@/lib/conversations/service';
import { finishedTurn, startChatTurn } from '@/lib/chat/pipeline';
import { linkTo } from '@/lib/testing/mail-catcher';
import { freshEmail, TEST_ORIGIN, useMailAndDatabase } from '@/lib/testing/mail-env';
import { TEST_DATABASES } from '@/lib/testing/databases';
import { createApiKey } from '@/lib/api-keys/keys';
import { roleAtSignIn } from './roles';
import { signUpWithPassword, verifyCredentials } from './users';
import { isVerified, sendVerificationEmail, verificationState, verifyEmail } from './verification';

const PASSWORD = 'correct horse battery';

describe.each(TEST_DATABASES)('email verification on $name', ({ open }) => {
  const { db, inbox } = useMailAndDatabase(open);

  const signUp = async (email: string, name = 'Ada') => {
    const before = inbox().mails.length;
    await signUpWithPassword({ email, password: PASSWORD, name }, TEST_ORIGIN);
    return inbox().waitFor(email, { after: before });
  };
  const userId = async (email: string) =>
    (await db().query<{ id: string }>('select id from hearth.users where email = $1', [email]))[0]!.id;

  it('mails a new account a link that proves its address once, and only once', async () => {
    const email = freshEmail('ada');
    const mail = await signUp(email);
    expect(mail.subject).toBe('Confirm your email for Hearth');
    expect(mail.from).toBe('hello@hearth.test');
    expect(mail.text).toContain('Hi Ada,');
    const { url, token } = linkTo(mail, '/verify-email');
    expect(url.origin).toBe(TEST_ORIGIN);
    const id = await userId(email);
    expect(await isVerified(id, db())).toBe(false);

    expect(await verifyEmail(token, db())).toEqual({ outcome: 'verified', userId: id });
    expect(await isVerified(id, db())).toBe(true);
    expect(await verificationState({ id }, db())).toEqual({ email, verified: true, isGuest: false });
    // The same link again says so, and does nothing more.
    expect(await verifyEmail(token, db())).toEqual({ outcome: 'already_verified', userId: id });

    // Only the hash is stored: no column holds the token.
    const rows = await db().query<Record<string, unknown>>('select * from hearth.email_tokens where user_id = $1', [
      id,
    ]);
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('refuses a made-up, malformed or expired link, and one a newer link replaced', async () => {
    expect(await verifyEmail('x'.repeat(43), db())).toEqual({ outcome: 'invalid' });
    expect(await verifyEmail('not a token', db())).toEqual({ outcome: 'invalid' });
    expect(await verifyEmail(undefined, db())).toEqual({ outcome: 'invalid' });

    const email = freshEmail('late');
    const first = linkTo(await signUp(email), '/verify-email').token;
    const id = await userId(email);
    // A minute later, a new link: the first one stops working.
    await db().query("update hearth.email_tokens set created_at = now() - interval '2 minutes' where user_id = $1", [
      id,
    ]);
    const before = inbox().mails.length;
    expect(await sendVerificationEmail({ id }, TEST_ORIGIN, db())).toBe('sent');
    const second = linkTo(await inbox().waitFor(email, { after: before }), '/verify-email').token;
    expect(await verifyEmail(first, db())).toEqual({ outcome: 'invalid' });

    await db().query("update hearth.email_tokens set expires_at = now() - interval '1 second' where user_id = $1", [
      id,
    ]);
    expect(await verifyEmail(second, db())).toEqual({ outcome: 'expired' });
    expect(await isVerified(id, db())).toBe(false);
  });

  it('sends at most one link a minute, and none to a proven address', async () => {
    const email = freshEmail('eager');
    const token = linkTo(await signUp(email), '/verify-email').token;
    const id = await userId(email);
    expect(await sendVerificationEmail({ id }, TEST_ORIGIN, db())).toBe('throttled');
    await verifyEmail(token, db());
    expect(await sendVerificationEmail({ id }, TEST_ORIGIN, db())).toBe('already_verified');
  });

  it('makes an ADMIN_EMAILS address admin only once its owner has proven it', async () => {
    const email = freshEmail('admin');
    vi.stubEnv('ADMIN_EMAILS', `someone@else.test, ${email.toUpperCase()}`);
    const mail = await signUp(email, 'Would-be admin');
    // Registering the address first is no longer enough (it was: f137dcb made whoever did admin).
    const user = await verifyCredentials(email, PASSWORD);
    expect(user?.role).toBe('user');
    expect(await roleAtSignIn(email, 'user')).toBe('user');
    expect(
      (await db().query<{ role: string }>('select role from hearth.users where email = $1', [email]))[0]!.role,
    ).toBe('user');

    await verifyEmail(linkTo(mail, '/verify-email').token, db());
    expect(
      (await db().query<{ role: string }>('select role from hearth.users where email = $1', [email]))[0]!.role,
    ).toBe('admin');
    expect(await roleAtSignIn(email, 'user')).toBe('admin');
  });

  it('lets an unverified account chat but not mint API keys, with a 403 that says what to do', async () => {
    const email = freshEmail('keys');
    const mail = await signUp(email);
    const id = await userId(email);
    // Chatting needs no proof.
    const conversationId = (await startConversation({ id }, { companion: 'marcus' }, db())).id;
    const turn = await startChatTurn(
      { id },
      { action: 'send', conversationId, text: 'Hello!' },
      { db: db(), env: { OFFLINE_MODEL_FIRST_TOKEN_MS: '0', OFFLINE_MODEL_WORD_MS: '0' } },
    );
    await finishedTurn({ id }, turn, db());
    await afterRepliesSettled();
    const replies = await db().query<{ n: number }>(
      "select count(*)::int as n from hearth.messages where conversation_id = $1 and role = 'assistant' and status = 'complete'",
      [conversationId],
    );
    expect(replies[0]!.n).toBeGreaterThanOrEqual(2); // the greeting and the answer
    await expect(createApiKey({ id }, 'Script', db())).rejects.toMatchObject({
      status: 403,
      publicCode: 'email_not_verified',
      message: expect.stringContaining('Confirm your email address to create API keys'),
    });
    await verifyEmail(linkTo(mail, '/verify-email').token, db());
    await expect(createApiKey({ id }, 'Script', db())).resolves.toMatchObject({ name: 'Script' });
  });

  it('keeps the tokens table out of reach of the user and anonymous roles', async () => {
    const email = freshEmail('peek');
    await signUp(email);
    const id = await userId(email);
    for (const role of ['hearth_user', 'hearth_anon']) {
      await expect(
        db().transaction(async (tx) => {
          await tx.query("select set_config('hearth.user_id', $1, true), set_config('role', $2, true)", [id, role]);
          return tx.query('select token_hash from hearth.email_tokens');
        }),
      ).rejects.toMatchObject({ code: '42501' });
    }
    // And a user cannot mark their own address proven.
    await expect(
      db().transaction(async (tx) => {
        await tx.query("select set_config('hearth.user_id', $1, true), set_config('role', 'hearth_user', true)", [id]);
        return tx.query('update hearth.users set email_verified_at = now() where id = $1', [id]);
      }),
    ).rejects.toMatchObject({ code: '42501' });
  });
});
