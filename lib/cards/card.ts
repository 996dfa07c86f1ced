import { z } from 'zod';
import { HearthError } from '@/lib/errors';

import { DEFAULT_PERSONA, personaFields, slugify, type PersonaFields } from '@/lib/personas/schemas';
import { publicTexts } from './public-text';
import { isPng, readChunks, solidPng, textChunks, withTextChunks, withoutTextChunks } from './png';

// Character Card V1/V2/V3 (the SillyTavern family) <-> Hearth personas. A card's data fields map to
// persona columns; everything else in `data` (character_book, assets, group_only_greetings, tags, ...)
// and every extension but Hearth's own is kept in card_extra and given back on export.
//
// A card's description is its character definition, written for the model (often W++ or a bracketed
// list): it becomes the persona's private system instructions, never its public description. The
// public tagline and description come from the creator notes or a plain-prose summary
// (./public-text.ts). The card's tags stay private card metadata: authors tag for their own site's
// search ("Female", "AnyPOV", "Video Game"), and as picker chips they would crowd out the curated
// specialties; the admin picks specialties, and an export gives the tags back unchanged.

export const MAX_CARD_FILE_BYTES = 4 * 1024 * 1024;
export const MAX_CARD_JSON_BYTES = 1024 * 1024;

export type CardSpec = 'v1' | 'v2' | 'v3';

/** The card fields Hearth has a column for, and which persona field each fills. */
const MAPPED = {
  name: 'name',
  system_prompt: 'instructions',
  description: 'instructions',
  personality: 'personality',
  scenario: 'scenario',
  first_mes: 'greeting',
  mes_example: 'exampleDialogue',
  post_history_instructions: 'postHistoryInstructions',
  alternate_greetings: 'alternateGreetings',
  creator: 'creator',
  character_version: 'characterVersion',
  creator_notes: 'creatorNotes',
} as const satisfies Record<string, keyof PersonaFields>;
type CardField = keyof typeof MAPPED;
const CARD_FIELD_OF = Object.fromEntries(Object.entries(MAPPED).map(([card, persona]) => [persona, card])) as Record<
  string,
  CardField
>;

const cardText = (field: string) => z.string({ error: `data.${field} must be text.` });
const cardData = z.object({
  name: z.string({ error: 'The card has no name (data.name).' }).trim().min(1, 'The card has no name (data.name).'),
  description: cardText('description').default(''),
  personality: cardText('personality').default(''),
  scenario: cardText('scenario').default(''),
  first_mes: cardText('first_mes').default(''),
  mes_example: cardText('mes_example').default(''),
  system_prompt: cardText('system_prompt').default(''),
  post_history_instructions: cardText('post_history_instructions').default(''),
  alternate_greetings: z
    .array(cardText('alternate_greetings[]'), { error: 'data.alternate_greetings must be a list of texts.' })
    .default([]),
  tags: z.array(cardText('tags[]'), { error: 'data.tags must be a list of texts.' }).default([]),
  creator: cardText('creator').default(''),
  character_version: z
    .union([z.string(), z.number().transform(String)], { error: 'data.character_version must be text.' })
    .default(''),
  creator_notes: cardText('creator_notes').default(''),
  extensions: z.record(z.string(), z.unknown(), { error: 'data.extensions must be an object.' }).default({}),
});

/** Hearth's own extension: the persona settings a card has no field for. Read leniently. */
const hearthExtension = personaFields
  .pick({
    slug: true,
    tagline: true,
    description: true,
    specialties: true,
    languages: true,
    defaultModel: true,
    fallbackModels: true,
    temperature: true,
    maxOutputTokens: true,
    voice: true,
    voices: true,
    nsfw: true,
    accentColor: true,
  })
  .partial();

export type ImportedCard = { spec: CardSpec; fields: PersonaFields; image: Buffer | null };

/**
 * A card file (JSON or PNG with a `ccv3` or `chara` chunk) as persona fields; a 400 naming the problem
 * otherwise. Messages never repeat the file name: the import button shows them beside it.
 */
export function parseCardFile(bytes: Uint8Array): ImportedCard {
  if (bytes.byteLength === 0) throw new HearthError('bad_request', 'The card file is empty.', { param: 'file' });
  if (bytes.byteLength > MAX_CARD_FILE_BYTES) {
    throw new HearthError('payload_too_large', `Card files can be at most ${MAX_CARD_FILE_BYTES / 1024 / 1024} MB.`, {
      param: 'file',
    });
  }
  if (isPng(bytes)) {
    const texts = textChunks(readChunks(bytes));
    const chunk = texts.has('ccv3') ? 'ccv3' : texts.has('chara') ? 'chara' : null;
    if (!chunk)
      throw new HearthError('bad_request', 'This PNG has no character card in it (no "ccv3" or "chara" text chunk).', {
        param: 'file',
      });
    const json = decodeBase64Json(texts.get(chunk)!, chunk);
    const card = parseCardJson(json);
    return { ...card, image: withoutTextChunks(bytes, ['ccv3', 'chara']) };
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    throw new HearthError(
      'bad_request',
      'CHARX cards cannot be imported yet: export the card as PNG or JSON from the app that made it, and import that.',
      { param: 'file' },
    );
  }
  if (bytes.byteLength > MAX_CARD_JSON_BYTES)
    throw new HearthError('payload_too_large', 'Card JSON can be at most 1 MB.', { param: 'file' });
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new HearthError('bad_request', 'This file is not a character card: choose a card saved as PNG or JSON.', {
      param: 'file',
    });
  }
  return { ...parseCardJson(json), image: null };
}

function decodeBase64Json(text: string, chunk: string): unknown {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact))
    throw new HearthError('bad_request', `The "${chunk}" chunk is not base64.`, { param: 'file' });
  const raw = Buffer.from(compact, 'base64');
  if (raw.byteLength > MAX_CARD_JSON_BYTES)
    throw new HearthError('payload_too_large', `The card in the "${chunk}" chunk is larger than 1 MB.`, {
      param: 'file',
    });
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    throw new HearthError('bad_request', `The "${chunk}" chunk does not hold valid JSON.`, { param: 'file' });
  }
}

/** A card's JSON (V1 flat, V2 or V3 by its `spec`, not by where it was found) as persona fields. */
export function parseCardJson(json: unknown): Omit<ImportedCard, 'image'> {
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new HearthError('bad_request', 'A card must be a JSON object.', { param: 'file' });
  const root = json as Record<string, unknown>;
  let spec: CardSpec;
  let data: unknown;
  if (root.spec === 'chara_card_v3') [spec, data] = ['v3', root.data];
  else if (root.spec === 'chara_card_v2') [spec, data] = ['v2', root.data];
  else if (root.spec === undefined && typeof root.name === 'string') [spec, data] = ['v1', root];
  else if (root.spec !== undefined)
    throw new HearthError(
      'bad_request',
      `Unknown card spec "${String(root.spec).slice(0, 40)}": expected chara_card_v2 or chara_card_v3.`,
      { param: 'spec' },
    );
  else
    throw new HearthError('bad_request', 'This JSON is not a character card: it has no "spec" and no "name".', {
      param: 'file',
    });
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new HearthError('bad_request', 'The card has no "data" object.', { param: 'data' });

  const parsed = cardData.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HearthError('bad_request', issue.message, { param: ['data', ...issue.path].join('.') });
  }
  const card = parsed.data;
  const { hearth, ...extensions } = card.extensions;
  const extra: Record<string, unknown> = {};
  // V1 cards keep V1 keys only; V2/V3 cards keep every data key Hearth has no column for.
  if (spec !== 'v1') {
    for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
      if (!(key in MAPPED) && key !== 'extensions') extra[key] = value;
    }
    // V3 requires group_only_greetings and every V3 export writes it: an empty one carries nothing.
    if (Array.isArray(extra.group_only_greetings) && extra.group_only_greetings.length === 0)
      delete extra.group_only_greetings;
  }
  if (Object.keys(extensions).length > 0) extra.extensions = extensions;
  const settings = hearthExtension.safeParse(hearth ?? {});
  const ours = settings.success ? withoutUndefined(settings.data) : {};
  // Hearth's own export carries the curated specialties beside the tags: those tags are not extra.
  if (card.tags.length === 0 || sameList(card.tags, ours.specialties)) delete extra.tags;

  const fields = {
    ...DEFAULT_PERSONA,
    slug: slugify(card.name),
    ...publicTexts({
      name: card.name,
      creatorNotes: card.creator_notes,
      description: card.description,
      personality: card.personality,
      scenario: card.scenario,
    }),
    ...ours,
    name: card.name,
    instructions: [withoutOriginal(card.system_prompt), card.description.trim()].filter(Boolean).join('\n\n'),
    personality: card.personality,
    scenario: card.scenario,
    greeting: card.first_mes,
    exampleDialogue: card.mes_example,
    postHistoryInstructions: card.post_history_instructions,
    alternateGreetings: card.alternate_greetings,
    creator: card.creator,
    characterVersion: card.character_version,
    creatorNotes: card.creator_notes,
    visibility: 'draft' as const,
    cardExtra: extra,
  };
  const checked = personaFields.safeParse(fields);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const [field, ...rest] = issue.path.map(String);
    const cardField = CARD_FIELD_OF[field!];
    const param = cardField ? ['data', cardField, ...rest].join('.') : field;
    throw new HearthError('bad_request', `${issue.message}${cardField ? ` (card field ${param})` : ''}`, { param });
  }
  return { spec, fields: checked.data };
}

/** A card's system prompt without `{{original}}`: Hearth has no front-end prompt for it to stand for. */
function withoutOriginal(systemPrompt: string): string {
  return systemPrompt.replace(/\{\{\s*original\s*\}\}/gi, '').trim();
}

function sameList(a: string[], b: string[] | undefined): boolean {
  return b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * The card JSON of a persona, V2 or V3. Kept data keys and extensions come back as they came in. The
 * instructions are the card's description (the character definition other front ends prompt with);
 * the public description, tagline and specialties travel in Hearth's extension.
 */
export function personaToCard(
  fields: PersonaFields,
  spec: 'v2' | 'v3',
): { spec: string; spec_version: string; data: Record<string, unknown> } {
  const { extensions: keptExtensions, ...keptData } = fields.cardExtra as {
    extensions?: Record<string, unknown>;
  } & Record<string, unknown>;
  const data: Record<string, unknown> = {
    ...keptData,
    name: fields.name,
    description: fields.instructions,
    personality: fields.personality,
    scenario: fields.scenario,
    first_mes: fields.greeting,
    mes_example: fields.exampleDialogue,
    creator_notes: fields.creatorNotes,
    system_prompt: '',
    post_history_instructions: fields.postHistoryInstructions,
    alternate_greetings: fields.alternateGreetings,
    tags: Array.isArray(keptData.tags) ? keptData.tags : fields.specialties,
    creator: fields.creator,
    character_version: fields.characterVersion,
    extensions: {
      ...keptExtensions,
      hearth: {
        slug: fields.slug,
        tagline: fields.tagline,
        description: fields.description,
        specialties: fields.specialties,
        languages: fields.languages,
        defaultModel: fields.defaultModel,
        fallbackModels: fields.fallbackModels,
        temperature: fields.temperature,
        maxOutputTokens: fields.maxOutputTokens,
        voice: fields.voice,
        voices: fields.voices,
        nsfw: fields.nsfw,
        accentColor: fields.accentColor,
      },
    },
  };
  if (spec === 'v3') data.group_only_greetings ??= [];
  return spec === 'v3'
    ? { spec: 'chara_card_v3', spec_version: '3.0', data }
    : { spec: 'chara_card_v2', spec_version: '2.0', data };
}

/**
 * A PNG card: the persona's PNG portrait (or a plain square in its accent colour) with the card in
 * a `chara` chunk (V2) or a `ccv3` chunk plus a V2 `chara` fallback (V3), base64 JSON as the spec says.
 */
export function personaToPng(fields: PersonaFields, spec: 'v2' | 'v3', portrait: Uint8Array | null): Buffer {
  const base = portrait && isPng(portrait) ? portrait : solidPng(256, fields.accentColor);
  const encode = (card: object) => Buffer.from(JSON.stringify(card), 'utf8').toString('base64');
  const texts: Record<string, string> = { chara: encode(personaToCard(fields, 'v2')) };
  if (spec === 'v3') texts.ccv3 = encode(personaToCard(fields, 'v3'));
  return withTextChunks(base, texts);
}
