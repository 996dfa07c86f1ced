import type { Language } from '@/lib/languages';
import type { Audience } from './own-schemas';
import type { Queryable } from '@/lib/db/client';
import { textProblem } from '@/lib/validation/text';

export type Companion = {
  id: string;
  slug: string;
  name: string;
  tagline: string;
  description: string;
  instructions: string;
  greeting: string;
  avatarUrl: string;
  accentColor: string;
  specialties: string[];
  languages: Language[];
  defaultModel: string;
  /** Tried in order when the model before them fails before its first token. */
  fallbackModels: string[];
  /** Mature content: answered only by providers configured to allow it. */
  nsfw: boolean;
  temperature: number;
  /** The most tokens one of its replies may have, when the admin set it (lib/chat/output-cap.ts). */
  maxOutputTokens?: number | null;
  /** Its voice for calls (a style like "warm" or a provider voice id), and per language; see voiceFor in lib/voice/speech.ts. */
  voice?: string | null;
  voices?: Partial<Record<Language, string>>;
  /** Character-card fields (imported cards define the character here); empty for most seeds. */
  personality?: string;
  scenario?: string;
  exampleDialogue?: string;
  /** The person who made it; null for the operator's catalogue (lib/companions/own.ts). */
  ownerId?: string | null;
  audience?: Audience;
};

const COLUMNS = `id, slug, name, tagline, description, instructions, greeting, avatar_url as "avatarUrl",
  accent_color as "accentColor", specialties, languages, default_model as "defaultModel",
  fallback_models as "fallbackModels", nsfw, temperature, max_output_tokens as "maxOutputTokens", voice, voices, personality, scenario, example_dialogue as "exampleDialogue",
  owner_id as "ownerId", audience`;

/**
 * The same columns as one JSON object, for queries that join a companion to something else.
 * hearth.turn_read (the chat turn's read) builds the same object in SQL; lib/chat/turn-read.test.ts
 * fails when the two differ.
 */
export const COMPANION_JSON = `json_build_object('id', p.id, 'slug', p.slug, 'name', p.name, 'tagline', p.tagline,
  'description', p.description, 'instructions', p.instructions, 'greeting', p.greeting, 'avatarUrl', p.avatar_url,
  'accentColor', p.accent_color, 'specialties', p.specialties, 'languages', p.languages,
  'defaultModel', p.default_model, 'fallbackModels', p.fallback_models, 'nsfw', p.nsfw, 'temperature', p.temperature,
  'maxOutputTokens', p.max_output_tokens, 'voice', p.voice, 'voices', p.voices, 'personality', p.personality, 'scenario', p.scenario, 'exampleDialogue', p.example_dialogue,
  'ownerId', p.owner_id, 'audience', p.audience)`;

/**
 * The catalogue: the operator's published, active companions, alphabetically. RLS hides the rest
 * from people; admins may read drafts, archived and people's own too, so the picker says what it
 * wants explicitly.
 */
export function listCompanions(tx: Queryable): Promise<Companion[]> {
  return tx.query<Companion>(
    `select ${COLUMNS} from hearth.companions
      where owner_id is null and active and visibility = 'published' and archived_at is null order by name`,
  );
}

export async function findCompanion(tx: Queryable, slugOrId: string): Promise<Companion | null> {
  // No slug holds a control character, and PostgreSQL refuses U+0000 in a parameter: not found, not a 500.
  if (textProblem(slugOrId)) return null;
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(slugOrId);
  // Opening a companion by its id is what its link does: an unlisted one is readable so.
  if (isUuid) await tx.query("select set_config('hearth.companion_link', $1, true)", [slugOrId.toLowerCase()]);
  const [row] = await tx.query<Companion>(
    `select ${COLUMNS} from hearth.companions where ${isUuid ? 'id = $1::uuid' : 'slug = $1'}`,
    [slugOrId],
  );
  return row ?? null;
}
