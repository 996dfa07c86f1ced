import type { Database } from '@/lib/db/client';
import { withAnon } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { linkOrigin, mailAvailable } from '@/lib/mail/delivery';
import { resetPasswordMessage } from '@/lib/mail/messages';
import { sendMailLater } from '@/lib/mail/send';
import { passwordReset, passwordResetRequest } from '@/lib/auth/schemas';
import { parseWith } from '@/lib/validation/parse';
import { hashEmailToken, issueEmailToken, newEmailToken, tokenLink } from './email-tokens';
import { hashPassword } from './password';
import { assertStrongPassword } from './password-strength';
import { bumpSessionVersion } from './session-version';

export const RESET_UNAVAILABLE =
  'Password reset by email isn’t available on this server. Ask the person who runs it for help.';

/**
 * "Forgot password": mails a reset link when an account uses the address. Resolves the same way
 * whether or not one does, and the mail leaves after the answer, so nobody learns which addresses
 * have accounts. Unavailable (503) where this server cannot send mail.
 */
export async function requestPasswordReset(body: unknown, requestOrigin: string, db?: Database): Promise<void> {
  const { email } = parseWith(passwordResetRequest, body);
  if (!mailAvailable()) throw new HearthError('unavailable', RESET_UNAVAILABLE);
  const { token, hash } = newEmailToken();
  const issued = await withAnon((tx) => issueEmailToken(tx, email, 'reset_password', hash), db);
  if (issued?.outcome !== 'issued') return; // no such account, or a link went out less than a minute ago
  void sendMailLater(
    resetPasswordMessage({
      to: email,
      name: issued.name,
      link: tokenLink(linkOrigin(requestOrigin), '/reset-password', token),
    }),
  );
}

/**
 * Follows a reset link with a new password: sets it, proves the address, and ends every session
 * of the account (whoever had the old password is signed out). Returns the address to sign in with.
 */
export async function resetPassword(body: unknown, db?: Database): Promise<{ email: string }> {
  const input = parseWith(passwordReset, body);
  assertStrongPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  const [row] = await withAnon(
    (tx) =>
      tx.query<{ user_id: string | null; email: string | null; outcome: 'reset' | 'expired' | 'invalid' }>(
        'select * from hearth.auth_reset_password($1, $2)',
        [hashEmailToken(input.token), passwordHash],
      ),
    db,
  );
  if (row?.outcome === 'expired')
    throw new HearthError('gone', 'This link has expired: reset links work for an hour. Ask for a new one.', {
      param: 'token',
    });
  if (row?.outcome !== 'reset' || !row.user_id || !row.email) {
    throw new HearthError('bad_request', 'It was used already, or a newer one was sent since. Ask for a new one.', {
      param: 'token',
    });
  }
  await bumpSessionVersion(row.user_id);
  return { email: row.email };
}
