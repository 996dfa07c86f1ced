import type { Queryable } from '@/lib/db/client';
import type { UserPersona } from './persona-schemas';

/**
 * The joins that find what a companion knows of a person: their override for that companion
 * (`persona_own`) and their usual persona (`persona_usual`), given SQL naming the person's and the
 * companion's ids. Both are left joins on a unique index, so reading them costs no round trip.
 */
export function personaJoins(userId: string, companionId: string): string {
  return `left join hearth.user_personas persona_own
            on persona_own.user_id = ${userId} and persona_own.companion_id = ${companionId}
          left join hearth.user_personas persona_usual
            on persona_usual.user_id = ${userId} and persona_usual.companion_id is null`;
}

/**
 * With personaJoins: the override when there is one (whole, even empty), else the usual persona, else null.
 * hearth.turn_read restates it in SQL (lib/chat/turn-read.test.ts holds the two together).
 */
export const PERSONA_JSON = `case
  when persona_own.id is not null then json_build_object('name', persona_own.name, 'pronouns', persona_own.pronouns, 'about', persona_own.about)
  when persona_usual.id is not null then json_build_object('name', persona_usual.name, 'pronouns', persona_usual.pronouns, 'about', persona_usual.about)
end`;

/** The person's usual persona (companionId null) or their override for one companion; null when there is none. */
export async function getPersona(tx: Queryable, companionId: string | null): Promise<UserPersona | null> {
  const [row] = await tx.query<UserPersona>(
    `select name, pronouns, about from hearth.user_personas
      where user_id = hearth.requesting_user_id() and companion_id is not distinct from $1::uuid`,
    [companionId],
  );
  return row ?? null;
}

/** What one companion knows of the person: their override for it, else their usual persona. */
export async function getPersonaFor(tx: Queryable, companionId: string): Promise<UserPersona | null> {
  const [row] = await tx.query<{ persona: UserPersona | null }>(
    `select ${PERSONA_JSON} as persona
       from (select hearth.requesting_user_id() as user_id) me ${personaJoins('me.user_id', '$1::uuid')}`,
    [companionId],
  );
  return row?.persona ?? null;
}

export async function putPersona(tx: Queryable, companionId: string | null, persona: UserPersona): Promise<void> {
  await tx.query(
    `insert into hearth.user_personas (companion_id, name, pronouns, about) values ($1, $2, $3, $4)
     on conflict (user_id, companion_id)
     do update set name = excluded.name, pronouns = excluded.pronouns, about = excluded.about, updated_at = now()`,
    [companionId, persona.name, persona.pronouns, persona.about],
  );
}

export async function deletePersona(tx: Queryable, companionId: string | null): Promise<void> {
  await tx.query(
    `delete from hearth.user_personas
      where user_id = hearth.requesting_user_id() and companion_id is not distinct from $1::uuid`,
    [companionId],
  );
}

/** Every persona of the person, the usual one first, then their overrides by companion name (the account export). */
export function listPersonas(tx: Queryable): Promise<(UserPersona & { companion: string | null })[]> {
  return tx.query(
    `select p.name as companion, u.name, u.pronouns, u.about
       from hearth.user_personas u left join hearth.companions p on p.id = u.companion_id
      where u.user_id = hearth.requesting_user_id()
      order by u.companion_id is not null, p.name`,
  );
}
