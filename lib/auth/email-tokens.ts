import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from '@/lib/db/client';

/** A link in an email is a credential: 256 random bits, kept in the database only as a SHA-256. */
export type EmailTokenPurpose = 'verify_email' | 'reset_password';

export const EMAIL_TOKEN_TTL_SECONDS: Record<EmailTokenPurpose, number> = {
  verify_email: 24 * 60 * 60,
  reset_password: 60 * 60,
};

/** The token as it travels in a link (the `token` query parameter). */
export const emailToken = z
  .string({ error: 'This link is not complete.' })
  .regex(/^[A-Za-z0-9_-]{43}$/, 'This link is not complete. Open it from the email again.');

export function newEmailToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashEmailToken(token) };
}

/** SHA-256 suffices: the token is random, so nothing about it can be guessed faster than trying all of them. */
export function hashEmailToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type IssuedToken = { userId: string; name: string | null; outcome: 'issued' | 'already_verified' | 'throttled' };

/**
 * Stores a new link's hash for the enabled account with this address (hearth.auth_issue_email_token).
 * Null when there is no such account. At most one link of a purpose a minute per account.
 */
export async function issueEmailToken(
  tx: Queryable,
  email: string,
  purpose: EmailTokenPurpose,
  hash: string,
): Promise<IssuedToken | null> {
  const [row] = await tx.query<{ user_id: string; name: string | null; outcome: IssuedToken['outcome'] }>(
    'select * from hearth.auth_issue_email_token($1, $2, $3, $4)',
    [email, purpose, hash, EMAIL_TOKEN_TTL_SECONDS[purpose]],
  );
  return row ? { userId: row.user_id, name: row.name, outcome: row.outcome } : null;
}

/** The link a message carries: origin + path + ?token=. */
export function tokenLink(origin: string, path: '/verify-email' | '/reset-password', token: string): string {
  const url = new URL(path, origin);
  url.searchParams.set('token', token);
  return url.href;
}
