import type { Database } from '@/lib/db/client';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { signUp } from '@/lib/auth/schemas';
import { linkOrigin, mailAvailable } from '@/lib/mail/delivery';
import { verifyEmailMessage } from '@/lib/mail/messages';
import { sendMailLater } from '@/lib/mail/send';
import { parseWith } from '@/lib/validation/parse';
import { issueEmailToken, newEmailToken, tokenLink } from './email-tokens';
import { hashPassword } from './password';
import { forgetSessionState } from './session-state';

/** The account a guest became, and whether a confirmation link went to its address. */
export type UpgradeAnswer = { email: string; name: string | null; mail: 'sent' | 'unavailable' };

/**
 * Set for a couple of minutes after an upgrade, holding whether a link was mailed: the new session
 * cookie makes Next.js render /signup again, which then says the account is saved rather than
 * sending an account away from sign-up.
 */
export const ACCOUNT_SAVED_COOKIE = 'hearth-account-saved';

export const EMAIL_TAKEN = 'That email already has an account. Sign in to it instead, or use another address.';

/**
 * "Save your account": the signed-in guest becomes an email + password account IN PLACE. The same
 * user id gets the address and the password and stops being a guest, so every conversation,
 * memory, upload and setting stays theirs; nothing is copied. Like sign-up, the account starts
 * unverified and gets a confirmation link when mail is available.
 *
 * Unlike sign-up, a taken address is said plainly (a 409 on `email`): the guest must know their
 * chats were not saved. The caller runs guardSignUp first (registration open, password strength,
 * the human check, then the sign-up budget), so every such answer costs a sign-up from the budget.
 *
 * The guest's session tokens claim `guest` and stop working once the row says otherwise; the
 * caller re-signs this browser's token (isGuest false, the new name and address).
 */
export async function upgradeGuest(
  user: UserScope,
  body: unknown,
  requestOrigin: string,
  db?: Database,
): Promise<UpgradeAnswer> {
  const input = parseWith(signUp, body);
  const passwordHash = await hashPassword(input.password);
  const canMail = mailAvailable();
  const { token, hash } = newEmailToken();
  await withUser(
    user,
    async (tx) => {
      const [row] = await tx.query<{ outcome: 'upgraded' | 'taken' | 'not_guest' }>(
        'select hearth.upgrade_own_guest($1, $2, $3) as outcome',
        [input.email, input.name ?? null, passwordHash],
      );
      if (row?.outcome === 'taken') throw new HearthError('conflict', EMAIL_TAKEN, { param: 'email' });
      if (row?.outcome !== 'upgraded')
        throw new HearthError('conflict', 'This is not a guest account any more. Reload the page.');
      if (canMail) await issueEmailToken(tx, input.email, 'verify_email', hash);
    },
    db,
  );
  forgetSessionState(user.id);
  if (canMail)
    void sendMailLater(
      verifyEmailMessage({
        to: input.email,
        name: input.name ?? null,
        link: tokenLink(linkOrigin(requestOrigin), '/verify-email', token),
      }),
    );
  return { email: input.email, name: input.name ?? null, mail: canMail ? 'sent' : 'unavailable' };
}
