import { findCompanion } from '@/lib/companions/queries';
import type { Database } from '@/lib/db/client';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { parseWith } from '@/lib/validation/parse';
import { deletePersona, getPersona, putPersona } from './persona-queries';
import {
  applyPersonaChanges,
  EMPTY_PERSONA,
  isEmptyPersona,
  personaInput,
  type CompanionPersona,
  type UserPersona,
} from './persona-schemas';

export type { CompanionPersona } from './persona-schemas';

export async function loadPersona(user: UserScope, db?: Database): Promise<UserPersona> {
  return (await withUser(user, (tx) => getPersona(tx, null), db)) ?? EMPTY_PERSONA;
}

/** Changes the persona every companion knows; a part left out keeps its value, and an empty persona is removed. */
export async function updatePersona(user: UserScope, input: unknown, db?: Database): Promise<UserPersona> {
  const changes = parseWith(personaInput, input);
  return withUser(
    user,
    async (tx) => {
      const persona = applyPersonaChanges((await getPersona(tx, null)) ?? EMPTY_PERSONA, changes);
      if (isEmptyPersona(persona)) await deletePersona(tx, null);
      else await putPersona(tx, null, persona);
      return persona;
    },
    db,
  );
}

export async function loadCompanionPersona(
  user: UserScope,
  companion: string,
  db?: Database,
): Promise<CompanionPersona> {
  return withUser(
    user,
    async (tx) => {
      const found = await findCompanion(tx, companion);
      if (!found) throw new HearthError('not_found', 'This companion does not exist.');
      return {
        companion: { id: found.id, slug: found.slug, name: found.name },
        usual: (await getPersona(tx, null)) ?? EMPTY_PERSONA,
        override: await getPersona(tx, found.id),
      };
    },
    db,
  );
}

/**
 * What this companion alone knows of the person, in place of the usual persona: all of it, so an
 * empty part means the companion is not told, never that it falls back to the usual one.
 */
export async function overridePersona(
  user: UserScope,
  companion: string,
  input: unknown,
  db?: Database,
): Promise<UserPersona> {
  const persona = applyPersonaChanges(EMPTY_PERSONA, parseWith(personaInput, input));
  await withUser(
    user,
    async (tx) => {
      const found = await findCompanion(tx, companion);
      if (!found) throw new HearthError('not_found', 'This companion does not exist.');
      await putPersona(tx, found.id, persona);
    },
    db,
  );
  return persona;
}

/** Back to the usual persona for this companion. */
export async function useUsualPersona(user: UserScope, companion: string, db?: Database): Promise<void> {
  await withUser(
    user,
    async (tx) => {
      const found = await findCompanion(tx, companion);
      if (!found) throw new HearthError('not_found', 'This companion does not exist.');
      await deletePersona(tx, found.id);
    },
    db,
  );
}
