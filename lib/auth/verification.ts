import { getDb } from '@/lib/db';
import type { Database } from '@/lib/db/client';
import { withAnon, withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { linkOrigin, mailAvailable } from '@/lib/mail/delivery';
import { verifyEmailMessage } from '@/lib/mail/messages';
import { sendMailLater } from '@/lib/mail/send';
import { emailToken, hashEmailToken, issueEmailToken, newEmailToken, tokenLink } from './email-tokens';
import { grantAdmin } from './grant-admin';
import { adminEmails } from './roles';

/**
 * Whether the user has proven their email address (a verification or reset link followed, or a
 * GitHub/Google sign-in that vouched for it). What an unverified account may not do asks here:
 * minting API keys, becoming admin through ADMIN_EMAILS, publishing companions.
 */
export async function isVerified(userId: string, db?: Database): Promise<boolean> {
  const [row] = await withUser(
    { id: userId },
    (tx) =>
      tx.query<{ verified: boolean }>(
        'select email_verified_at is not null as verified from hearth.users where id = $1',
        [userId],
      ),
    db,
  );
  return row?.verified ?? false;
}

/** A 403 (code email_not_verified) that says how to get verified, unless the user is. `action` completes "to …". */
export async function requireVerified(userId: string, action: string, db?: Database): Promise<void> {
  const [row] = await withUser(
    { id: userId },
    (tx) =>
      tx.query<{ verified: boolean; is_guest: boolean }>(
        'select email_verified_at is not null as verified, is_guest from hearth.users where id = $1',
        [userId],
      ),
    db,
  );
  if (row?.verified) return;
  throw new HearthError(
    'forbidden',
    row?.is_guest
      ? `Guests can’t ${action}. Create an account first.`
      : `Confirm your email address to ${action}: open the link we sent you, or send a new one from Settings › Security.`,
    { publicCode: 'email_not_verified' },
  );
}

export type VerificationState = { email: string | null; verified: boolean; isGuest: boolean };

export async function verificationState(user: UserScope, db?: Database): Promise<VerificationState> {
  const [row] = await withUser(
    user,
    (tx) =>
      tx.query<{ email: string | null; verified: boolean; is_guest: boolean }>(
        'select email, email_verified_at is not null as verified, is_guest from hearth.users where id = $1',
        [user.id],
      ),
    db,
  );
  if (!row) throw new HearthError('unauthorized', 'Your session is no longer valid. Please sign in again.');
  return { email: row.email, verified: row.verified, isGuest: row.is_guest };
}

export type ResendOutcome = 'sent' | 'already_verified' | 'throttled' | 'unavailable';

/** "Resend verification email" in Settings › Security: a new link (the older ones stop working). */
export async function sendVerificationEmail(
  user: UserScope,
  requestOrigin: string,
  db?: Database,
): Promise<ResendOutcome> {
  if (!mailAvailable()) return 'unavailable';
  const { token, hash } = newEmailToken();
  const issued = await withUser(
    user,
    async (tx) => {
      const [me] = await tx.query<{ email: string | null }>('select email from hearth.users where id = $1', [user.id]);
      if (!me?.email) throw new HearthError('bad_request', 'A guest account has no email address to confirm.');
      const result = await issueEmailToken(tx, me.email, 'verify_email', hash);
      return result && { ...result, email: me.email };
    },
    db,
  );
  if (!issued) throw new HearthError('forbidden', 'This account cannot receive mail right now.');
  if (issued.outcome !== 'issued') return issued.outcome;
  void sendMailLater(
    verifyEmailMessage({
      to: issued.email,
      name: issued.name,
      link: tokenLink(linkOrigin(requestOrigin), '/verify-email', token),
    }),
  );
  return 'sent';
}

export type VerifyOutcome =
  { outcome: 'verified' | 'already_verified'; userId: string } | { outcome: 'expired' | 'invalid' };

/**
 * Follows a verification link. An address listed in ADMIN_EMAILS becomes admin now that it is
 * proven (before, registering it first was enough).
 */
export async function verifyEmail(token: unknown, db?: Database): Promise<VerifyOutcome> {
  const parsed = emailToken.safeParse(token);
  if (!parsed.success) return { outcome: 'invalid' };
  const [row] = await withAnon(
    (tx) =>
      tx.query<{ user_id: string | null; email: string | null; outcome: VerifyOutcome['outcome'] }>(
        'select * from hearth.auth_verify_email($1)',
        [hashEmailToken(parsed.data)],
      ),
    db,
  );
  if (!row || !row.user_id || (row.outcome !== 'verified' && row.outcome !== 'already_verified')) {
    return { outcome: row?.outcome === 'expired' ? 'expired' : 'invalid' };
  }
  if (row.email && adminEmails().has(row.email))
    await grantAdmin(db ?? (await getDb()), row.email, { onlyVerified: true });
  return { outcome: row.outcome, userId: row.user_id };
}
