'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { sessionUser } from '@/lib/actions';
import { changePassword } from '@/lib/auth/password-change';
import { requestPasswordReset } from '@/lib/auth/password-recovery';
import { requestOrigin } from '@/lib/auth/request-origin';
import { SESSION_VERSION_CLAIM } from '@/lib/auth/session-version';
import { refreshSessionToken } from '@/lib/auth/session-refresh';
import { loadUser } from '@/lib/auth/users';
import { sendVerificationEmail, type ResendOutcome } from '@/lib/auth/verification';
import { toHearthError } from '@/lib/errors';

export type SecurityResult = { ok: true } | { ok: false; error: string; field?: string };

async function run(fn: () => Promise<void>): Promise<SecurityResult> {
  try {
    await fn();
    revalidatePath('/settings/security');
    return { ok: true };
  } catch (error) {
    const e = toHearthError(error);
    return { ok: false, error: e.message, field: e.param };
  }
}

export async function resendVerificationAction(): Promise<
  { ok: true; outcome: ResendOutcome } | { ok: false; error: string }
> {
  try {
    const user = await sessionUser();
    const outcome = await sendVerificationEmail(user, requestOrigin(await headers()));
    if (outcome === 'already_verified') revalidatePath('/settings/security');
    return { ok: true, outcome };
  } catch (error) {
    return { ok: false, error: toHearthError(error).message };
  }
}

/** A new password, the current one required; this session stays, every other one ends. */
export async function changePasswordAction(input: {
  currentPassword: string;
  newPassword: string;
}): Promise<SecurityResult> {
  return run(async () => {
    const user = await sessionUser();
    const { sessionVersion } = await changePassword(user, input, requestOrigin(await headers()));
    await refreshSessionToken({ [SESSION_VERSION_CLAIM]: sessionVersion });
  });
}

/** For an account without a password (GitHub or Google only): a reset link to its own address sets one. */
export async function sendPasswordLinkAction(): Promise<SecurityResult> {
  return run(async () => {
    const user = await loadUser((await sessionUser()).id);
    if (!user?.email) throw new Error('This account has no email address.');
    await requestPasswordReset({ email: user.email }, requestOrigin(await headers()));
  });
}
