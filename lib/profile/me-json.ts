import { z } from 'zod';
import { PERSONA_LIMITS, type UserPersona } from './persona-schemas';
import type { Profile } from './queries';

export const personaJsonSchema = z
  .object({
    name: z
      .string()
      .max(PERSONA_LIMITS.name)
      .nullable()
      .meta({ description: 'What companions call you.', examples: ['Sam'] }),
    pronouns: z
      .string()
      .max(PERSONA_LIMITS.pronouns)
      .nullable()
      .meta({ examples: ['they/them'] }),
    about: z
      .string()
      .max(PERSONA_LIMITS.about)
      .nullable()
      .meta({ description: 'A few lines about you, in your words.', examples: ['I teach piano and love long walks.'] }),
  })
  .meta({
    id: 'Persona',
    description:
      'What every companion knows about you, given to it as information, never as instructions. Memory stays the place for what companions learn in conversation.',
  });

export const meJsonSchema = z
  .object({
    id: z.uuid(),
    name: z.string().nullable().meta({ description: 'The account’s name.' }),
    email: z.email().nullable().meta({ description: 'Null for a guest.' }),
    is_guest: z.boolean(),
    persona: personaJsonSchema,
  })
  .meta({ id: 'Me' });

/** The signed-in account as the REST API shows it. */
export function meJson(id: string, profile: Profile, persona: UserPersona): z.output<typeof meJsonSchema> {
  return {
    id,
    name: profile.name,
    email: profile.email,
    is_guest: profile.isGuest,
    persona: { name: persona.name, pronouns: persona.pronouns, about: persona.about },
  };
}
