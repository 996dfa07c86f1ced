'use server';

import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { sessionUser, type ActionResult } from '@/lib/actions';
import { deleteAccount } from '@/lib/auth/account';
import { confirmAdult } from '@/lib/companions/community';
import { HearthError, toHearthError } from '@/lib/errors';
import {
  loadCompanionPersona,
  overridePersona,
  updatePersona,
  useUsualPersona,
  type CompanionPersona,
} from '@/lib/profile/persona';
import type { UserPersona } from '@/lib/profile/persona-schemas';
import { confirmsDeletion } from '@/lib/profile/schemas';
import { avatarUrl, chooseTheme, loadProfile, removeAvatar, renameProfile, saveAvatar } from '@/lib/profile/service';
import { THEME_COOKIE, themeCookieOptions } from '@/lib/profile/theme';

/** A refusal names the field at fault (`name`, `about`, ...) when there is one, for the form to show it there. */
type Refused = { ok: false; error: string; field?: string };

async function run<T>(fn: () => Promise<T>): Promise<({ ok: true } & T) | Refused> {
  try {
    const value = await fn();
    revalidatePath('/', 'layout');
    return { ok: true, ...value };
  } catch (error) {
    const refusal = toHearthError(error);
    return { ok: false, error: refusal.message, ...(refusal.param ? { field: refusal.param } : {}) };
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

/**
 * Settings › Mature companions: whether NSFW companions show in the Community, which takes the
 * person's word that they are 18 or older. Guest sessions cannot say so (the page says why).
 */
export async function matureCompanionsAction(confirmed: boolean): Promise<ActionResult> {
  return run(async () => {
    const user = await sessionUser();
    if (user.isGuest && confirmed === true)
      throw new HearthError('forbidden', 'Create an account to see mature companions.');
    await confirmAdult(user, confirmed === true);
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

/** The persona every companion knows (Settings › About you). */
export async function personaAction(input: UserPersona): Promise<{ ok: true; persona: UserPersona } | Refused> {
  return run(async () => ({ persona: await updatePersona(await sessionUser(), input) }));
}

/** How one companion knows the person, for the chat's "How … knows you" dialog. */
export async function companionPersonaAction(
  companion: string,
): Promise<{ ok: true; persona: CompanionPersona } | Refused> {
  try {
    return { ok: true, persona: await loadCompanionPersona(await sessionUser(), String(companion)) };
  } catch (error) {
    return { ok: false, error: toHearthError(error).message };
  }
}

/** A persona for this companion alone, in place of the usual one; null goes back to the usual one. */
export async function overridePersonaAction(
  companion: string,
  input: UserPersona | null,
): Promise<ActionResult | Refused> {
  return run(async () => {
    const user = await sessionUser();
    if (input === null) await useUsualPersona(user, String(companion));
    else await overridePersona(user, String(companion), input);
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
