import type { Database } from '@/lib/db/client';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { parseWith } from '@/lib/validation/parse';
import { meJson } from './me-json';
import { updatePersona } from './persona';
import { getPersona } from './persona-queries';
import { EMPTY_PERSONA, updateMeRequest } from './persona-schemas';
import { getProfile } from './queries';

/** GET /api/v1/users/me: the account and its persona, read together. */
export async function loadMe(user: UserScope, db?: Database) {
  const { profile, persona } = await withUser(
    user,
    async (tx) => ({ profile: await getProfile(tx), persona: await getPersona(tx, null) }),
    db,
  );
  if (!profile) throw new HearthError('not_found', 'This account does not exist.');
  return meJson(user.id, profile, persona ?? EMPTY_PERSONA);
}

/** PATCH /api/v1/users/me. */
export async function updateMe(user: UserScope, body: unknown, db?: Database) {
  const { persona } = parseWith(updateMeRequest, body);
  await updatePersona(user, persona, db);
  return loadMe(user, db);
}
