'use server';

import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { sessionUser, type ActionResult } from '@/lib/actions';
import { deleteAccount } from '@/lib/auth/account';
import { HearthError, toHearthError } from '@/lib/errors';
import { confirmsDeletion } from '@/lib/profile/schemas';
import { avatarUrl, chooseTheme, loadProfile, removeAvatar, renameProfile, saveAvatar } from '@/lib/profile/service';
import { THEME_COOKIE, themeCookieOptions } from '@/lib/profile/theme';

async function run<T>(fn: () => Promise<T>): Promise<({ ok: true } & T) | { ok: false; error: string }> {
  try {
    const value = await fn();
    revalidatePath('/', 'layout');
    return { ok: true, ...value };
  } catch (error) {
    return { ok: false, error: toHearthError(error).message };
  }
}

export async function renameAction(name: string): Promise<ActionResult> {
  return run(async () => {
    await renameProfile(await sessionUser(), name);
    return {};
  });
}

/** Saves the theme on the account and in this browser's cookie, which the next page render reads. */
export async function themeAction(theme: string): Promise<ActionResult> {
  return run(async () => {
    const chosen = await chooseTheme(await sessionUser(), theme);
    (await cookies()).set(THEME_COOKIE, chosen, themeCookieOptions);
    return {};
  });
}

export async function uploadAvatarAction(
  form: FormData,
): Promise<{ ok: true; url: string | null } | { ok: false; error: string }> {
  return run(async () => {
    const file = form.get('avatar');
    if (!(file instanceof Blob)) throw new HearthError('bad_request', 'Choose a picture first.');
    const profile = await saveAvatar(await sessionUser(), new Uint8Array(await file.arrayBuffer()));
    return { url: avatarUrl(profile) };
  });
}

export async function removeAvatarAction(): Promise<ActionResult> {
  return run(async () => {
    await removeAvatar(await sessionUser());
    return {};
  });
}

/**
 * Deletes the account and everything in it, once the person has typed DELETE (or their email).
 * The page signs this browser out afterwards; every other session ends with the account.
 */
export async function deleteAccountAction(typed: string): Promise<ActionResult> {
  try {
    const user = await sessionUser();
    const { email } = await loadProfile(user);
    if (!confirmsDeletion(String(typed ?? ''), email))
      throw new HearthError(
        'bad_request',
        email ? 'Type DELETE or your email address to confirm.' : 'Type DELETE to confirm.',
      );
    await deleteAccount(user);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: toHearthError(error).message };
  }
}
