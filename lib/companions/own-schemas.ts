import { z } from 'zod';
import { modelId } from '@/lib/validation/ids';
import { searchQuery } from '@/lib/validation/search';
import { DEFAULT_PERSONA, personaFields, slugify, type PersonaFields } from '@/lib/personas/schemas';

/** Who else reads a person's companion (supabase/migrations/20261210010000_user_companions.sql). */
export const AUDIENCES = ['private', 'unlisted', 'public'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const AUDIENCE_LABELS: Record<Audience, { label: string; hint: string }> = {
  private: { label: 'Only me', hint: 'Nobody else can find or open it.' },
  unlisted: { label: 'Anyone with the link', hint: 'Not listed; people you send its link to can talk with it.' },
  public: { label: 'Everyone', hint: 'Listed in the Community for anyone to find.' },
};

/**
 * What a person writes about their companion. The routing an admin tunes (fallback models,
 * temperature, an output cap) is not theirs to set: the model comes from the operator's list for
 * people's companions (lib/companions/own-models.ts) and the rest is the platform's.
 */
export const ownCompanionFields = personaFields
  .pick({
    name: true,
    tagline: true,
    description: true,
    personality: true,
    scenario: true,
    greeting: true,
    alternateGreetings: true,
    exampleDialogue: true,
    postHistoryInstructions: true,
    creator: true,
    characterVersion: true,
    creatorNotes: true,
    specialties: true,
    languages: true,
    voice: true,
    voices: true,
    nsfw: true,
    accentColor: true,
    cardExtra: true,
  })
  .extend({
    /** Who they are, for the model: the companion's system instructions. */
    instructions: personaFields.shape.instructions.refine((text) => /\S/.test(text), {
      message: 'Describe who they are: the model speaks from this.',
    }),
    model: modelId,
    audience: z.enum(AUDIENCES, { error: 'Share it with only you, anyone with the link, or everyone.' }),
  });
export type OwnCompanionFields = z.infer<typeof ownCompanionFields>;

/** The creation form's start: the studio's defaults for the fields a person sets, kept to themselves. */
export const DEFAULT_OWN_COMPANION: Omit<OwnCompanionFields, 'model'> = {
  ...(Object.fromEntries(Object.entries(DEFAULT_PERSONA).filter(([key]) => key in ownCompanionFields.shape)) as Omit<
    OwnCompanionFields,
    'model' | 'audience'
  >),
  audience: 'private',
};

/** A person's companion as the persona columns hold it: always published, on the platform's routing. */
export function asPersonaFields(own: OwnCompanionFields, slug: string): PersonaFields {
  const fields = Object.fromEntries(Object.entries(own).filter(([key]) => key !== 'model' && key !== 'audience'));
  return {
    ...(fields as Omit<OwnCompanionFields, 'model' | 'audience'>),
    slug,
    defaultModel: own.model,
    fallbackModels: [],
    temperature: 0.8,
    maxOutputTokens: null,
    visibility: 'published',
  };
}

/** A slug that cannot take a catalogue name: the name's, with a random tail ("ada-3f9a2c"). */
export function ownSlug(name: string): string {
  return `${slugify(name).slice(0, 50).replace(/-+$/, '')}-${crypto.randomUUID().slice(0, 6)}`;
}

export const communityFilters = z.object({
  q: searchQuery.optional(),
  tag: personaFields.shape.specialties.element.optional(),
});
