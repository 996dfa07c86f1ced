import { describe, expect, it } from 'vitest';
import { startConversation } from '@/lib/conversations/service';
import { withUser } from '@/lib/db/scope';
import { isHearthError } from '@/lib/errors';
import { linkTo } from '@/lib/testing/mail-catcher';
import { freshEmail, TEST_ORIGIN, useMailAndDatabase } from '@/lib/testing/mail-env';
import { TEST_DATABASES } from '@/lib/testing/databases';
import { EMAIL_TAKEN, upgradeGuest } from './guest-upgrade';
import { sessionState } from './session-state';
import { createGuest, signUpWithPassword, verifyCredentials } from './users';
import { verifyEmail } from './verification';

const PASSWORD = 'a lantern by the quiet pier';

describe.each(TEST_DATABASES)('a guest saving their account on $name', ({ open }) => {
  const { db, inbox } = useMailAndDatabase(open);

  /** A guest with a conversation, a memory and a memory setting of their own. */
  async function guestWithHistory() {
    const guest = await createGuest();
    const conversation = await startConversation(guest, { companion: 'ada', title: 'Our first talk' }, db());
    await withUser(
      guest,
      async (tx) => {
        const [companion] = await tx.query<{ id: string }>("select id from hearth.companions where slug = 'ada'");
        await tx.query(
          "insert into hearth.memories (companion_id, kind, content) values ($1, 'fact', 'Lives by the sea')",
          [companion!.id],
        );
        await tx.query('insert into hearth.memory_settings (companion_id, enabled) values ($1, false)', [
          companion!.id,
        ]);
      },
      db(),
    );
    return { guest, conversation };
  }

  const whatTheyHave = (id: string) =>
    withUser(
      { id },
      async (tx) => ({
        conversations: (await tx.query<{ id: string }>('select id from hearth.conversations')).map((r) => r.id),
        memories: (await tx.query<{ content: string }>('select content from hearth.memories')).map((r) => r.content),
        settings: (await tx.query<{ enabled: boolean }>('select enabled from hearth.memory_settings')).map(
          (r) => r.enabled,
        ),
      }),
      db(),
    );

  it('keeps the same user id, so every conversation, memory and setting stays theirs', async () => {
    const { guest, conversation } = await guestWithHistory();
    const email = freshEmail('kept');
    const before = inbox().mails.length;

    const answer = await upgradeGuest(guest, { email, password: PASSWORD, name: 'Mira' }, TEST_ORIGIN, db());
    expect(answer).toEqual({ email, name: 'Mira', mail: 'sent' });

    const [row] = await db().query<{ id: string; email: string; name: string; is_guest: boolean; n: string }>(
      "select id, email, name, is_guest, (select count(*) from hearth.users where name = 'Mira' and email = $1) as n from hearth.users where id = $2",
      [email, guest.id],
    );
    expect(row).toMatchObject({ id: guest.id, email, name: 'Mira', is_guest: false });
    expect(Number(row!.n)).toBe(1); // nothing was copied to a second account
    expect(await whatTheyHave(guest.id)).toEqual({
      conversations: [conversation.id],
      memories: ['Lives by the sea'],
      settings: [false],
    });

    // They sign in with the new email and password, as the account they were.
    expect(await verifyCredentials(email, PASSWORD)).toMatchObject({ id: guest.id, isGuest: false });
    // Like sign-up: unverified, with a link that proves the address.
    const { token } = linkTo(await inbox().waitFor(email, { after: before }), '/verify-email');
    expect(await verifyEmail(token, db())).toEqual({ outcome: 'verified', userId: guest.id });
    // The sessions check the guest flag: a token that still claims "guest" no longer stands.
    expect(await sessionState(guest.id, null, { db: db() })).toMatchObject({ isGuest: false, disabled: false });
  });

  it('refuses an address another account has, saying so on the email field, and changes nothing', async () => {
    const owner = freshEmail('owner');
    await signUpWithPassword({ email: owner, password: 'the owner’s own password' }, TEST_ORIGIN);
    const { guest, conversation } = await guestWithHistory();

    const refusal = await upgradeGuest(
      guest,
      { email: owner.toUpperCase(), password: PASSWORD },
      TEST_ORIGIN,
      db(),
    ).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isHearthError(refusal) && { code: refusal.code, param: refusal.param, message: refusal.message }).toEqual({
      code: 'conflict',
      param: 'email',
      message: EMAIL_TAKEN,
    });
    const [row] = await db().query<{ email: string | null; is_guest: boolean }>(
      'select email, is_guest from hearth.users where id = $1',
      [guest.id],
    );
    expect(row).toEqual({ email: null, is_guest: true });
    expect((await whatTheyHave(guest.id)).conversations).toEqual([conversation.id]);
    // The owner's password still opens the owner's account, and the guest's does not.
    expect(await verifyCredentials(owner, PASSWORD)).toBeNull();
  });

  it('refuses bad fields with the sign-up rules, and an account that is not a guest', async () => {
    const { guest } = await guestWithHistory();
    await expect(
      upgradeGuest(guest, { email: 'not an email', password: PASSWORD }, TEST_ORIGIN, db()),
    ).rejects.toMatchObject({ code: 'bad_request', param: 'email' });
    await expect(
      upgradeGuest(guest, { email: freshEmail('short'), password: 'short' }, TEST_ORIGIN, db()),
    ).rejects.toMatchObject({ code: 'bad_request', param: 'password' });

    await upgradeGuest(guest, { email: freshEmail('once'), password: PASSWORD }, TEST_ORIGIN, db());
    // Twice (another tab): the first one stands.
    await expect(
      upgradeGuest(guest, { email: freshEmail('twice'), password: PASSWORD }, TEST_ORIGIN, db()),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('keeps RLS as it was: the upgraded account sees its own rows only, and cannot upgrade anyone else', async () => {
    const first = await guestWithHistory();
    const second = await guestWithHistory();
    await upgradeGuest(first.guest, { email: freshEmail('first'), password: PASSWORD }, TEST_ORIGIN, db());

    expect((await whatTheyHave(first.guest.id)).conversations).toEqual([first.conversation.id]);
    expect((await whatTheyHave(second.guest.id)).conversations).toEqual([second.conversation.id]);
    // The function only ever changes the caller's own row: run as nobody, or by the database role
    // of signed-out visitors, it does nothing or is refused.
    const [outcome] = await withUser(
      { id: crypto.randomUUID() },
      (tx) =>
        tx.query<{ outcome: string }>("select hearth.upgrade_own_guest('x@example.com', null, 'hash') as outcome"),
      db(),
    );
    expect(outcome!.outcome).toBe('not_guest');
    await expect(
      db().transaction(async (tx) => {
        await tx.query("select set_config('role', 'hearth_anon', true)");
        await tx.query("select hearth.upgrade_own_guest('x@example.com', null, 'hash')");
      }),
    ).rejects.toThrow(/permission denied/);
    const [row] = await db().query<{ is_guest: boolean }>('select is_guest from hearth.users where id = $1', [
      second.guest.id,
    ]);
    expect(row!.is_guest).toBe(true);
  });
});
