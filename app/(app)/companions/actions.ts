'use server';

import { revalidatePath } from 'next/cache';
import { sessionUser, type ActionResult } from '@/lib/actions';
import {
  createOwnCompanion,
  importOwnCard,
  removeOwnCompanion,
  saveOwnCompanion,
  type OwnCompanion,
} from '@/lib/companions/own';
import { HearthError, toHearthError } from '@/lib/errors';
import { uuid } from '@/lib/validation/ids';
import { parseJsonText, parseWith } from '@/lib/validation/parse';

/** A refusal names the field at fault (`name`, `instructions`, `audience`, `avatar`...) for the form to show it there. */
export type Refused = { ok: false; error: string; field?: string };

/** A companion written: where it now lives, for the form to go there (or stay, with the new avatar). */
export type CompanionResult = { ok: true; id: string; slug: string; avatarUrl: string } | Refused;

async function run(fn: () => Promise<OwnCompanion>): Promise<CompanionResult> {
  try {
    const { id, slug, avatarUrl } = await fn();
    revalidatePath('/', 'layout');
    return { ok: true, id, slug, avatarUrl };
  } catch (error) {
    const refusal = toHearthError(error);
    // `languages.0` or `voices.en-US` is the languages or voices field.
    const field = refusal.param?.split('.')[0];
    return { ok: false, error: refusal.message, ...(field ? { field } : {}) };
  }
}

/** The form's fields (JSON in `fields`) and the picked avatar, if any (`avatar`). */
async function formInput(form: FormData): Promise<{ fields: unknown; avatar: Uint8Array | null }> {
  const fields = parseJsonText(String(form.get('fields') ?? ''), 'The companion');
  const avatar = form.get('avatar');
  return {
    fields,
    avatar: avatar instanceof Blob && avatar.size > 0 ? new Uint8Array(await avatar.arrayBuffer()) : null,
  };
}

/** Makes a companion of the person's own from the creation form. */
export async function createCompanionAction(form: FormData): Promise<CompanionResult> {
  return run(async () => {
    const user = await sessionUser();
    const { fields, avatar } = await formInput(form);
    return createOwnCompanion(user, fields, { avatar });
  });
}

/** Saves the editor's changes to one of the person's companions (`id` in the form). */
export async function saveCompanionAction(form: FormData): Promise<CompanionResult> {
  return run(async () => {
    const user = await sessionUser();
    const id = parseWith(uuid, form.get('id'));
    const { fields, avatar } = await formInput(form);
    return saveOwnCompanion(user, id, fields, { avatar });
  });
}

/** A Character Card file (`card`: PNG or JSON, V1/V2/V3) as a new private companion of the person's. */
export async function importCardAction(form: FormData): Promise<CompanionResult> {
  return run(async () => {
    const user = await sessionUser();
    const card = form.get('card');
    if (!(card instanceof Blob) || card.size === 0) {
      throw new HearthError('bad_request', 'Choose a character card file (PNG or JSON) first.', { param: 'card' });
    }
    return importOwnCard(user, new Uint8Array(await card.arrayBuffer()));
  });
}

/** Removes one of the person's companions: gone from their list and the Community; chats with it stay. */
export async function removeCompanionAction(id: string): Promise<ActionResult> {
  try {
    await removeOwnCompanion(await sessionUser(), parseWith(uuid, id));
    revalidatePath('/', 'layout');
    return { ok: true };
  } catch (error) {
    return { ok: false, error: toHearthError(error).message };
  }
}
