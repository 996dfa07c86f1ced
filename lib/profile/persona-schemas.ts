import { z } from 'zod';
import { text } from '@/lib/validation/text';

/** The most each part of a persona may hold; the database checks the same. */
export const PERSONA_LIMITS = { name: 60, pronouns: 40, about: 1000 } as const;

/** What a person tells a companion about themselves: any part may be left out (null). */
export type UserPersona = { name: string | null; pronouns: string | null; about: string | null };

/** How one companion knows the person: their usual persona, and the override for it if they made one. */
export type CompanionPersona = {
  companion: { id: string; slug: string; name: string };
  usual: UserPersona;
  override: UserPersona | null;
};

export const EMPTY_PERSONA: UserPersona = { name: null, pronouns: null, about: null };

/**
 * A part of the persona: trimmed, empty or null clears it (null), absent leaves it as it is
 * (undefined), at most `max` characters.
 */
function part(label: string, max: number, { multiline = false }: { multiline?: boolean } = {}) {
  return text({ label, multiline, error: `${label} must be text.` })
    .trim()
    .max(max, `${label} can be at most ${max.toLocaleString('en-US')} characters.`)
    .transform((value) => value || null)
    .nullish()
    .transform((value) => (value === undefined ? undefined : (value ?? null)));
}

/**
 * A persona, or the parts of it that change: Settings and the per-companion dialog send all three,
 * PATCH /api/v1/users/me any of them.
 */
export const personaInput = z.strictObject(
  {
    name: part('The name', PERSONA_LIMITS.name),
    pronouns: part('Pronouns', PERSONA_LIMITS.pronouns),
    about: part('About you', PERSONA_LIMITS.about, { multiline: true }),
  },
  {
    error: (issue) =>
      issue.code === 'invalid_type' ? 'Send the persona as an object with name, pronouns or about.' : undefined,
  },
);

export type PersonaChanges = z.infer<typeof personaInput>;

/** PATCH /api/v1/users/me. */
export const updateMeRequest = z.strictObject({ persona: personaInput });

export function isEmptyPersona(persona: UserPersona): boolean {
  return !persona.name && !persona.pronouns && !persona.about;
}

/** The persona after the changes: a part left out keeps its value. */
export function applyPersonaChanges(current: UserPersona, changes: PersonaChanges): UserPersona {
  return {
    name: changes.name === undefined ? current.name : changes.name,
    pronouns: changes.pronouns === undefined ? current.pronouns : changes.pronouns,
    about: changes.about === undefined ? current.about : changes.about,
  };
}
