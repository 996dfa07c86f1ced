import { randomBytes } from 'node:crypto';
import { withAnon, withUser } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { signUp } from '@/lib/auth/schemas';
import { parseWith } from '@/lib/validation/parse';
import { linkOrigin, mailAvailable } from '@/lib/mail/delivery';
import { signUpAttemptMessage, verifyEmailMessage } from '@/lib/mail/messages';
import { sendMailLater } from '@/lib/mail/send';
import { issueEmailToken, newEmailToken, tokenLink } from './email-tokens';
import { hashPassword, verifyPassword } from './password';

export type Role = 'user' | 'admin';
export type SessionUser = {
  id: string;
  name: string | null;
  email: string | null;
  role: Role;
  isGuest: boolean;
  disabled?: boolean;
};

/** What sign-up answers, the same for a new address and a taken one. */
export type SignUpAnswer = { email: string; mail: 'sent' | 'unavailable' };

/**
 * Email + password sign-up: the sign-up page and `POST /api/v1/users` both come through here.
 * Refused with a 403 when REGISTRATION_OPEN=false; a bad field is a 400 naming it (`param`).
 *
 * Never tells whether the address has an account already: a new one is created (unverified) and
 * gets a verification link; a taken one is left as it is and its owner gets a note saying someone
 * tried. Both answers are the same, both cost one password hash, and the mail leaves after the answer.
 */
export async function signUpWithPassword(body: unknown, requestOrigin: string): Promise<SignUpAnswer> {
  if (!registrationOpen()) throw new HearthError('forbidden', 'Sign-up is closed on this server.');
  const input = parseWith(signUp, body);
  const passwordHash = await hashPassword(input.password);
  const canMail = mailAvailable();
  const { token, hash } = newEmailToken();
  const created = await withAnon(async (tx) => {
    const [row] = await tx.query<{ id: string | null }>('select hearth.auth_register_user($1, $2, $3, false) as id', [
      input.email,
      input.name ?? null,
      passwordHash,
    ]);
    if (!row?.id) return false;
    if (canMail) await issueEmailToken(tx, input.email, 'verify_email', hash);
    return true;
  });
  if (canMail) {
    const origin = linkOrigin(requestOrigin);
    void sendMailLater(
      created
        ? verifyEmailMessage({
            to: input.email,
            name: input.name ?? null,
            link: tokenLink(origin, '/verify-email', token),
          })
        : signUpAttemptMessage({ to: input.email, name: null, origin }),
    );
  }
  return { email: input.email, mail: canMail ? 'sent' : 'unavailable' };
}

export function registrationOpen(env: Record<string, string | undefined> = process.env): boolean {
  return env.REGISTRATION_OPEN?.trim().toLowerCase() !== 'false';
}

/** A guest is a new account too: closed with sign-ups (REGISTRATION_OPEN=false). */
export async function createGuest(): Promise<SessionUser> {
  if (!registrationOpen())
    throw new HearthError('forbidden', 'New accounts are closed on this server, guest sessions included.');
  const [row] = await withAnon((tx) =>
    tx.query<{ id: string }>("select hearth.auth_register_user(null, 'Guest', null, true) as id"),
  );
  if (!row?.id) throw new Error('Could not create a guest user');
  return { id: row.id, email: null, name: 'Guest', role: 'user', isGuest: true };
}

export const ACCOUNT_DISABLED =
  'This account has been disabled. If you think that’s a mistake, ask whoever runs this server.';

/**
 * Null for an unknown email or a wrong password: the caller must not tell them apart, not even by
 * the time it takes. So an email with no password to check (unknown, a guest's, an OAuth-only
 * account) is checked against a dummy hash made with the same parameters: every call verifies
 * exactly one hash. `verify` is for tests that count them.
 *
 * A disabled account is told so (a 403), but only with its right password: without it, it is one
 * more wrong password, and nobody learns that a disabled account has this address.
 */
export async function verifyCredentials(
  email: string,
  password: string,
  verify: (hash: string, password: string) => Promise<boolean> = verifyPassword,
): Promise<SessionUser | null> {
  const dummy = dummyPasswordHash(); // made once, alongside the first lookup
  const [row] = await withAnon((tx) =>
    tx.query<{
      id: string;
      email: string;
      name: string | null;
      password_hash: string | null;
      role: Role;
      disabled: boolean;
    }>('select * from hearth.auth_sign_in_credentials($1)', [email]),
  );
  const matches = await verify(row?.password_hash ?? (await dummy), password);
  if (!row?.password_hash || !matches) return null;
  if (row.disabled) throw new HearthError('forbidden', ACCOUNT_DISABLED);
  return { id: row.id, email: row.email, name: row.name, role: row.role, isGuest: false };
}

let dummyHash: Promise<string> | undefined;

function dummyPasswordHash(): Promise<string> {
  return (dummyHash ??= hashPassword(randomBytes(24).toString('base64url')));
}

/** The user's own row, read through RLS; null when the account no longer exists. */
/** The signed-in user as pages read them: the session's fields and what the sidebar shows. */
export type LoadedUser = SessionUser & { avatarPath: string | null };

export async function loadUser(id: string): Promise<LoadedUser | null> {
  const [row] = await withUser({ id }, (tx) =>
    tx.query<{
      id: string;
      email: string | null;
      name: string | null;
      role: Role;
      is_guest: boolean;
      disabled: boolean;
      avatar_path: string | null;
    }>(
      'select id, email, name, role, is_guest, disabled_at is not null as disabled, avatar_path from hearth.users where id = $1',
      [id],
    ),
  );
  return row
    ? {
        id: row.id,
        email: row.email,
        name: row.name,
        role: row.role,
        isGuest: row.is_guest,
        disabled: row.disabled,
        avatarPath: row.avatar_path,
      }
    : null;
}
