'use server';

import { cookies, headers } from 'next/headers';
import { deleteAccount } from '@/lib/auth/account';
import { resetPassword, requestPasswordReset } from '@/lib/auth/password-recovery';
import { requestOrigin } from '@/lib/auth/request-origin';
import { ACCOUNT_SAVED_COOKIE, upgradeGuest } from '@/lib/auth/guest-upgrade';
import { getSessionCaller, requireSessionUser } from '@/lib/auth/session';
import { refreshSessionToken } from '@/lib/auth/session-refresh';
import { signUp } from '@/lib/auth/schemas';
import { guardSignUp } from '@/lib/auth/sign-up-guard';
import { loadUser, signUpWithPassword } from '@/lib/auth/users';
import { verifyEmail } from '@/lib/auth/verification';
import { toHearthError } from '@/lib/errors';
import { fieldProblems } from '@/lib/validation/parse';
import { clientAddress, takeSignUpQuota } from '@/lib/rate-limit';

type SignUpField = 'email' | 'password' | 'name';
/** Success looks the same for a new address and a taken one: the page never says which. */
export type SignUpResult =
  | { ok: true; email: string; mail: 'sent' | 'unavailable' }
  | { ok: false; error: string; field?: SignUpField; fields?: Partial<Record<SignUpField, string>> };

export async function signUpAction(
  input: { email: string; password: string; name?: string },
  humanCheck?: string,
): Promise<SignUpResult> {
  // Every field that is wrong is said at once; guardSignUp then checks again, with the rest.
  const problems = fieldProblems(signUp, input);
  const fields = Object.fromEntries(Object.entries(problems).filter(([field]) => signUpField(field)));
  if (Object.keys(fields).length > 0) return { ok: false, error: Object.values(fields)[0]!, fields };
  try {
    const requestHeaders = await headers();
    await guardSignUp(input, { address: clientAddress(requestHeaders), humanCheck });
    const answer = await signUpWithPassword(input, requestOrigin(requestHeaders));
    return { ok: true, ...answer };
  } catch (error) {
    const e = toHearthError(error);
    return { ok: false, error: e.message, field: signUpField(e.param) };
  }
}

export type UpgradeResult =
  { ok: true; email: string; mail: 'sent' | 'unavailable' } | Extract<SignUpResult, { ok: false }>;

/**
 * "Save your account": the signed-in guest's own account gets this address and password, in place,
 * through the same checks and budget as sign-up. This browser's session is re-signed as the
 * account it now is, so the person carries on without signing in again.
 */
export async function upgradeGuestAction(
  input: { email: string; password: string; name?: string },
  humanCheck?: string,
): Promise<UpgradeResult> {
  const problems = fieldProblems(signUp, input);
  const fields = Object.fromEntries(Object.entries(problems).filter(([field]) => signUpField(field)));
  if (Object.keys(fields).length > 0) return { ok: false, error: Object.values(fields)[0]!, fields };
  try {
    const caller = await requireSessionUser('Your guest session has ended, so there is nothing to save.');
    if (!caller.isGuest) return { ok: false, error: 'This account is saved already.' };
    const requestHeaders = await headers();
    await guardSignUp(input, { address: clientAddress(requestHeaders), humanCheck });
    const answer = await upgradeGuest(caller, input, requestOrigin(requestHeaders));
    await refreshSessionToken({ guest: false, name: answer.name, email: answer.email });
    (await cookies()).set(ACCOUNT_SAVED_COOKIE, answer.mail, { path: '/signup', maxAge: 120, sameSite: 'lax' });
    return { ok: true, email: answer.email, mail: answer.mail };
  } catch (error) {
    const e = toHearthError(error);
    return { ok: false, error: e.message, field: signUpField(e.param) };
  }
}

function signUpField(param: string | undefined): SignUpField | undefined {
  return param === 'email' || param === 'password' || param === 'name' ? param : undefined;
}

export type FormResult = { ok: true } | { ok: false; error: string; field?: string };

/** "Forgot password": the same answer whether or not an account uses the address. */
export async function forgotPasswordAction(email: string): Promise<FormResult> {
  try {
    const requestHeaders = await headers();
    // Each request may send a mail: it draws on the same per-address budget as sign-ups.
    await takeSignUpQuota(clientAddress(requestHeaders));
    await requestPasswordReset({ email }, requestOrigin(requestHeaders));
    return { ok: true };
  } catch (error) {
    const e = toHearthError(error);
    return { ok: false, error: e.message, field: e.param };
  }
}

export type ResetResult = { ok: true; email: string } | { ok: false; error: string; field?: string; expired?: boolean };

/** Sets the new password from a reset link; every session of the account ends. */
export async function resetPasswordAction(input: { token: string; password: string }): Promise<ResetResult> {
  try {
    return { ok: true, ...(await resetPassword(input)) };
  } catch (error) {
    const e = toHearthError(error);
    return { ok: false, error: e.message, field: e.param, expired: e.code === 'gone' };
  }
}

export type VerifyResult =
  | { outcome: 'verified' | 'already_verified' | 'expired' | 'invalid'; signedIn: boolean }
  | { outcome: 'error'; message: string };

/**
 * Confirms an address from its link (a button press, so that mail scanners that open links do not
 * use it up). When this browser is signed in to that account, its session picks up a role the
 * address may just have earned (ADMIN_EMAILS).
 */
export async function verifyEmailAction(token: string): Promise<VerifyResult> {
  try {
    const result = await verifyEmail(token);
    if (result.outcome !== 'verified' && result.outcome !== 'already_verified')
      return { outcome: result.outcome, signedIn: false };
    const session = await getSessionCaller();
    if (session?.id !== result.userId) return { outcome: result.outcome, signedIn: false };
    const user = await loadUser(result.userId);
    if (user && user.role !== session.role) await refreshSessionToken({ role: user.role });
    return { outcome: result.outcome, signedIn: true };
  } catch (error) {
    return { outcome: 'error', message: toHearthError(error).message };
  }
}

/**
 * A guest's sign-out ends the guest account: nobody can sign back in to it, so its chats, memories,
 * files and shared links go now rather than lying unreachable in the database (the warning says
 * they are lost for good). Anyone else is only signed out.
 */
export async function deleteGuestOnSignOutAction(): Promise<void> {
  const caller = await getSessionCaller();
  if (caller?.isGuest) await deleteAccount(caller);
}
