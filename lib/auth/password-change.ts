import type { Database } from '@/lib/db/client';
import { withAnon, withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { linkOrigin, mailAvailable } from '@/lib/mail/delivery';
import { passwordChangedMessage } from '@/lib/mail/messages';
import { sendMailLater } from '@/lib/mail/send';
import { passwordChange } from '@/lib/auth/schemas';
import { parseWith } from '@/lib/validation/parse';
import { hashPassword, verifyPassword } from './password';
import { assertStrongPassword } from './password-strength';
import { bumpSessionVersion } from './session-version';

type Me = { email: string | null; name: string | null; passwordHash: string | null };

async function loadMe(user: UserScope, db?: Database): Promise<Me> {
  const [me] = await withUser(
    user,
    (tx) =>
      tx.query<{ email: string | null; name: string | null }>('select email, name from hearth.users where id = $1', [
        user.id,
      ]),
    db,
  );
  if (!me) throw new HearthError('unauthorized', 'Your session is no longer valid. Please sign in again.');
  // The hash through the sign-in function, the one door to it.
  const [credentials] = me.email
    ? await withAnon(
        (tx) =>
          tx.query<{ password_hash: string | null }>('select password_hash from hearth.auth_credentials($1)', [
            me.email,
          ]),
        db,
      )
    : [];
  return { email: me.email, name: me.name, passwordHash: credentials?.password_hash ?? null };
}

/** Whether the account signs in with a password (else only with GitHub or Google, or it is a guest). */
export async function hasPassword(user: UserScope, db?: Database): Promise<boolean> {
  return (await loadMe(user, db)).passwordHash !== null;
}

/**
 * Changes the signed-in user's password, the current one required, and ends their other sessions
 * (the session version goes up in the same transaction; `sessionId`, this session's row, keeps up
 * with it). Returns the new session version, which the caller puts in this session's token so that
 * it alone stays signed in.
 */
export async function changePassword(
  user: UserScope & { sessionId?: string | null },
  body: unknown,
  requestOrigin: string,
  db?: Database,
): Promise<{ sessionVersion: number }> {
  const input = parseWith(passwordChange, body);
  assertStrongPassword(input.newPassword, [], 'newPassword');
  const me = await loadMe(user, db);
  if (!me.passwordHash) {
    throw new HearthError('bad_request', 'Your account has no password yet. Use “Email me a link” to set one.', {
      param: 'currentPassword',
    });
  }
  if (!(await verifyPassword(me.passwordHash, input.currentPassword))) {
    throw new HearthError('bad_request', 'That isn’t your current password.', { param: 'currentPassword' });
  }
  if (await verifyPassword(me.passwordHash, input.newPassword)) {
    throw new HearthError('bad_request', 'That is your current password. Choose a new one.', { param: 'newPassword' });
  }
  const newHash = await hashPassword(input.newPassword);
  const sessionVersion = await withUser(
    user,
    async (tx) => {
      const [changed] = await tx.query<{ ok: boolean }>('select hearth.change_own_password($1, $2) as ok', [
        me.passwordHash,
        newHash,
      ]);
      if (!changed?.ok)
        throw new HearthError(
          'conflict',
          'Your password was changed somewhere else just now. Reload the page and try again.',
        );
      return bumpSessionVersion(user.id, tx, user.sessionId);
    },
    db,
  );
  if (me.email && mailAvailable())
    void sendMailLater(passwordChangedMessage({ to: me.email, name: me.name, origin: linkOrigin(requestOrigin) }));
  return { sessionVersion };
}
