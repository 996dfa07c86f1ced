import { z } from 'zod';
import { LANGUAGES } from '@/lib/languages';
import { modelId } from '@/lib/validation/ids';
import { searchQuery } from '@/lib/validation/search';
import { storableJsonObject, text as checkedText } from '@/lib/validation/text';

// Long texts keep their line breaks; names, tags and voices are one line.
const text = (label: string, max: number) =>
  checkedText({ multiline: true, label, error: `${label} must be text.` }).max(
    max,
    `${label} can be at most ${max.toLocaleString('en-US')} characters.`,
  );
const line = (label: string, error = `${label} must be text.`) => checkedText({ label, error });

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const slug = line('The slug', 'A slug is required.')
  .min(1, 'A slug is required.')
  .max(64, 'Slugs can be at most 64 characters.')
  .regex(SLUG_PATTERN, 'Use lowercase letters, digits and single hyphens, like "night-owl".');

export const VISIBILITIES = ['draft', 'published'] as const;

/** Everything an admin edits about a persona: the studio form, card import and versions share it. */
export const personaFields = z.object({
  name: line('The name', 'A name is required.')
    .trim()
    .min(1, 'A name is required.')
    .max(80, 'Names can be at most 80 characters.'),
  slug,
  tagline: text('The tagline', 160),
  description: text('The description', 20000),
  instructions: text('System instructions', 20000),
  personality: text('Personality', 20000),
  scenario: text('The scenario', 20000),
  greeting: text('The greeting', 4000),
  alternateGreetings: z.array(text('A greeting', 4000)).max(20, 'At most 20 alternate greetings.'),
  exampleDialogue: text('Example dialogue', 20000),
  postHistoryInstructions: text('Post-history instructions', 20000),
  creator: text('Creator', 200),
  characterVersion: text('Character version', 100),
  creatorNotes: text('Creator notes', 20000),
  specialties: z
    .array(line('A tag').trim().min(1, 'Tags cannot be empty.').max(60, 'Tags can be at most 60 characters.'))
    .max(50, 'At most 50 tags.'),
  languages: z.array(z.enum(LANGUAGES, { error: 'Not a supported language.' })).min(1, 'Choose at least one language.'),
  defaultModel: modelId,
  fallbackModels: z.array(modelId).max(8, 'At most 8 fallback models.'),
  temperature: z
    .number({ error: 'Temperature must be a number.' })
    .min(0, 'Temperature is at least 0.')
    .max(2, 'Temperature is at most 2.'),
  maxOutputTokens: z
    .number({ error: 'Max output tokens must be a number.' })
    .int('Max output tokens must be a whole number.')
    .min(1, 'Max output tokens is at least 1.')
    .max(65536, 'Max output tokens is at most 65,536.')
    .nullable(),
  voice: line('The voice').trim().max(100, 'Voice can be at most 100 characters.').nullable(),
  /** A voice per language for calls (a provider voice id, or a style like "warm"); `voice` speaks the rest. */
  voices: z
    .partialRecord(
      z.enum(LANGUAGES, { error: 'Voices are set per supported language.' }),
      line('A voice', 'A voice must be text.')
        .trim()
        .min(1, 'A voice cannot be empty: leave the language out instead.')
        .max(100, 'Voice can be at most 100 characters.'),
    )
    // Versions saved before per-language voices had none.
    .default({}),
  nsfw: z.boolean(),
  visibility: z.enum(VISIBILITIES, { error: 'Visibility is draft or published.' }),
  accentColor: z.string().regex(/^#[0-9a-f]{6}$/, 'Accent colour is a hex colour like #d97706.'),
  cardExtra: storableJsonObject('Card extras'),
});
export type PersonaFields = z.infer<typeof personaFields>;

/** A save from the studio: the fields, and the version the editor started from (a stale editor is a 409). */
export const personaSave = z.object({ fields: personaFields, baseVersion: z.number().int().min(0).nullable() });

export const personaFilters = z.object({
  q: searchQuery.optional(),
  status: z.enum(['all', 'published', 'draft', 'archived']).optional(),
  nsfw: z.enum(['any', 'yes', 'no']).optional(),
  language: z.enum(LANGUAGES).optional(),
});
export type PersonaFilters = z.infer<typeof personaFilters>;

export const previewRequest = z.object({
  fields: personaFields,
  messages: z
    .array(
      z.object({
        role: z.enum(['user', 'assistant']),
        content: text('A message', 8000).min(1, 'A message cannot be empty.'),
      }),
    )
    .min(1, 'Write a message to preview.')
    .max(40, 'A preview holds at most 40 messages.'),
});

export const userUpdate = z
  .object({ role: z.enum(['user', 'admin']).optional(), disabled: z.boolean().optional() })
  .refine((v) => v.role !== undefined || v.disabled !== undefined, 'Change the role or the disabled state.');

export const DEFAULT_PERSONA: PersonaFields = {
  name: '',
  slug: '',
  tagline: '',
  description: '',
  instructions: '',
  personality: '',
  scenario: '',
  greeting: '',
  alternateGreetings: [],
  exampleDialogue: '',
  postHistoryInstructions: '',
  creator: '',
  characterVersion: '',
  creatorNotes: '',
  specialties: [],
  languages: ['en-US'],
  defaultModel: 'offline/hearth-demo',
  fallbackModels: [],
  temperature: 0.8,
  maxOutputTokens: null,
  voice: null,
  voices: {},
  nsfw: false,
  visibility: 'draft',
  accentColor: '#d97706',
  cardExtra: {},
};

/** A slug from a name: "Lucía Marín" -> "lucia-marin". */
export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56)
    .replace(/-+$/g, '');
  return base || 'persona';
}
