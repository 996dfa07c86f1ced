'use server';

import { headers } from 'next/headers';
import { guardSignUp } from '@/lib/auth/sign-up-guard';
import { signUpWithPassword } from '@/lib/auth/users';
import { toHearthError } from '@/lib/errors';
import { clientAddress } from '@/lib/rate-limit';

type SignUpField = 'email' | 'password' | 'name';
export type SignUpResult = { ok: true } | { ok: false; error: string; field?: SignUpField };

export async function signUpAction(input: { email: string; password: string; name?: string }, humanCheck?: string): Promise<SignUpResult> {
  try {
    await guardSignUp(input, { address: clientAddress(await headers()), humanCheck });
    await signUpWithPassword(input);
    return { ok: true };
  } catch (error) {
    const e = toHearthError(error);
    return { ok: false, error: e.message, field: e.code === 'conflict' ? 'email' : signUpField(e.param) };
  }
}

function signUpField(param: string | undefined): SignUpField | undefined {
  return param === 'email' || param === 'password' || param === 'name' ? param : undefined;
}
