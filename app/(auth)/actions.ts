'use server';

import { registerUser } from '@/lib/auth/users';
import { toHearthError } from '@/lib/errors';
import { signUp } from '@/lib/validation/chat';

export type SignUpResult = { ok: true } | { ok: false; error: string; field?: 'email' | 'password' | 'name' };

export async function signUpAction(input: { email: string; password: string; name?: string }): Promise<SignUpResult> {
  const parsed = signUp.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: issue?.message ?? 'Check the form.', field: issue?.path[0] as 'email' | 'password' | 'name' };
  }
  try {
    await registerUser(parsed.data);
    return { ok: true };
  } catch (error) {
    const e = toHearthError(error);
    return { ok: false, error: e.message, field: e.type === 'conflict' ? 'email' : undefined };
  }
}
