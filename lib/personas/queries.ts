import type { PersonaFields, PersonaFilters } from '@/lib/personas/schemas';
import type { Audience } from '@/lib/companions/own-schemas';
import type { Queryable } from '@/lib/db/client';
import { textProblem } from '@/lib/validation/text';

/** A persona as the studio sees it: its fields plus what the database keeps about it. */
export type Persona = PersonaFields & {
  id: string;
  avatarUrl: string;
  archivedAt: string | null;
  updatedAt: string;
  /** The latest version number; 0 for a companion never saved in the studio (the seed). */
  version: number;
};

export type PersonaRow = Pick<
  Persona,
  | 'id'
  | 'slug'
  | 'name'
  | 'tagline'
  | 'avatarUrl'
  | 'accentColor'
  | 'visibility'
  | 'archivedAt'
  | 'nsfw'
  | 'languages'
  | 'updatedAt'
  | 'version'
>;

const FIELD_COLUMNS = `name, slug, tagline, description, instructions, personality, scenario, greeting,
  alternate_greetings as "alternateGreetings", example_dialogue as "exampleDialogue",
  post_history_instructions as "postHistoryInstructions", creator, character_version as "characterVersion",
  creator_notes as "creatorNotes", specialties, languages, default_model as "defaultModel",
  fallback_models as "fallbackModels", temperature, max_output_tokens as "maxOutputTokens", voice, voices, nsfw,
  visibility, accent_color as "accentColor", card_extra as "cardExtra"`;

const META_COLUMNS = `c.id, c.avatar_url as "avatarUrl", c.archived_at::text as "archivedAt", c.updated_at::text as "updatedAt",
  coalesce((select max(v.version) from hearth.companion_versions v where v.companion_id = c.id), 0)::int as version`;

/** The fields' values in column order, for insert and update. */
function values(f: PersonaFields): unknown[] {
  return [
    f.name,
    f.slug,
    f.tagline,
    f.description,
    f.instructions,
    f.personality,
    f.scenario,
    f.greeting,
    f.alternateGreetings,
    f.exampleDialogue,
    f.postHistoryInstructions,
    f.creator,
    f.characterVersion,
    f.creatorNotes,
    f.specialties,
    f.languages,
    f.defaultModel,
    f.fallbackModels,
    f.temperature,
    f.maxOutputTokens,
    f.voice,
    JSON.stringify(f.voices),
    f.nsfw,
    f.visibility,
    f.accentColor,
    JSON.stringify(f.cardExtra),
  ];
}
const COLUMN_NAMES = `name, slug, tagline, description, instructions, personality, scenario, greeting,
  alternate_greetings, example_dialogue, post_history_instructions, creator, character_version,
  creator_notes, specialties, languages, default_model, fallback_models, temperature,
  max_output_tokens, voice, voices, nsfw, visibility, accent_color, card_extra`;

export async function listPersonas(tx: Queryable, filters: PersonaFilters = {}): Promise<PersonaRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filters.q) {
    params.push(`%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(
      `(c.name ilike $${params.length} or c.slug ilike $${params.length} or c.tagline ilike $${params.length})`,
    );
  }
  // People's own companions are theirs to edit; the studio lists the catalogue.
  where.push('c.owner_id is null');
  const status = filters.status ?? 'all';
  if (status === 'archived') where.push('c.archived_at is not null');
  else if (status === 'all') where.push('c.archived_at is null');
  else where.push(`c.archived_at is null and c.visibility = '${status === 'draft' ? 'draft' : 'published'}'`);
  if (filters.nsfw === 'yes') where.push('c.nsfw');
  if (filters.nsfw === 'no') where.push('not c.nsfw');
  if (filters.language) {
    params.push(filters.language);
    where.push(`$${params.length} = any (c.languages)`);
  }
  return tx.query<PersonaRow>(
    `select ${META_COLUMNS}, c.slug, c.name, c.tagline, c.accent_color as "accentColor", c.visibility, c.nsfw, c.languages
       from hearth.companions c
      where ${where.join(' and ')}
      order by c.updated_at desc, c.id desc
      limit 500`,
    params,
  );
}

export async function getPersona(tx: Queryable, id: string): Promise<Persona | null> {
  const [row] = await tx.query<Persona>(
    `select ${META_COLUMNS}, ${FIELD_COLUMNS} from hearth.companions c where c.id = $1`,
    [id],
  );
  return row ?? null;
}

/**
 * A new companion: the catalogue's (an admin's) without `audience`, else the requesting person's
 * own, shared with that audience.
 */
export async function insertPersona(
  tx: Queryable,
  f: PersonaFields,
  avatarUrl: string,
  audience?: Audience,
): Promise<string> {
  const params = [...values(f), avatarUrl, audience ?? 'public'];
  const placeholders = values(f)
    .map((_, i) => `$${i + 1}`)
    .join(', ');
  const [row] = await tx.query<{ id: string }>(
    `insert into hearth.companions (${COLUMN_NAMES}, avatar_url, audience, owner_id, updated_by)
     values (${placeholders}, $${params.length - 1}, $${params.length},
             ${audience ? 'hearth.requesting_user_id()' : 'null'}, hearth.requesting_user_id()) returning id`,
    params,
  );
  return row!.id;
}

/** Saves the fields; a person's own companion saves its audience too. */
export async function updatePersona(tx: Queryable, id: string, f: PersonaFields, audience?: Audience): Promise<void> {
  const sets = COLUMN_NAMES.split(',')
    .map((name, i) => `${name.trim()} = $${i + 2}`)
    .join(', ');
  const params = [id, ...values(f)];
  if (audience) params.push(audience);
  await tx.query(
    `update hearth.companions set ${sets}, ${audience ? `audience = $${params.length}, ` : ''}updated_at = now(),
       updated_by = hearth.requesting_user_id() where id = $1`,
    params,
  );
}

export async function setArchived(tx: Queryable, id: string, archived: boolean): Promise<void> {
  await tx.query(
    `update hearth.companions set archived_at = ${archived ? 'coalesce(archived_at, now())' : 'null'},
       updated_at = now(), updated_by = hearth.requesting_user_id() where id = $1`,
    [id],
  );
}

export async function setAvatarUrl(tx: Queryable, id: string, url: string): Promise<void> {
  await tx.query('update hearth.companions set avatar_url = $2, updated_at = now() where id = $1', [id, url]);
}

export async function slugTaken(tx: Queryable, slug: string, exceptId?: string): Promise<boolean> {
  const [row] = await tx.query<{ taken: boolean }>(
    `select exists (select 1 from hearth.companions where slug = $1 and id is distinct from $2::uuid)
         or exists (select 1 from hearth.companion_slug_redirects where old_slug = $1 and companion_id is distinct from $2::uuid) as taken`,
    [slug, exceptId ?? null],
  );
  return Boolean(row?.taken);
}

/** Keeps the old slug pointing at the companion; the new slug stops being a redirect if it was one. */
export async function addSlugRedirect(
  tx: Queryable,
  oldSlug: string,
  companionId: string,
  newSlug: string,
): Promise<void> {
  await tx.query('delete from hearth.companion_slug_redirects where old_slug = $1', [newSlug]);
  await tx.query(
    `insert into hearth.companion_slug_redirects (old_slug, companion_id) values ($1, $2)
     on conflict (old_slug) do update set companion_id = excluded.companion_id`,
    [oldSlug, companionId],
  );
}

/** The current slug of the companion an old slug pointed at, when it is visible to the caller. */
export async function redirectedSlug(tx: Queryable, oldSlug: string): Promise<string | null> {
  if (textProblem(oldSlug)) return null; // as findCompanion: a slug from a URL may hold U+0000
  const [row] = await tx.query<{ slug: string }>(
    `select c.slug from hearth.companion_slug_redirects r join hearth.companions c on c.id = r.companion_id where r.old_slug = $1`,
    [oldSlug],
  );
  return row?.slug ?? null;
}

export type Version = {
  id: string;
  version: number;
  authorId: string | null;
  authorName: string | null;
  note: string;
  createdAt: string;
};

export async function insertVersion(
  tx: Queryable,
  companionId: string,
  snapshot: PersonaFields,
  note: string,
): Promise<number> {
  const [row] = await tx.query<{ version: number }>(
    `insert into hearth.companion_versions (companion_id, version, snapshot, note)
     values ($1, coalesce((select max(version) from hearth.companion_versions where companion_id = $1), 0) + 1, $2, $3)
     returning version`,
    [companionId, JSON.stringify(snapshot), note],
  );
  return row!.version;
}

export function listVersions(tx: Queryable, companionId: string): Promise<Version[]> {
  return tx.query<Version>(
    `select v.id, v.version, v.author_id as "authorId", coalesce(u.name, u.email) as "authorName", v.note,
            v.created_at::text as "createdAt"
       from hearth.companion_versions v left join hearth.users u on u.id = v.author_id
      where v.companion_id = $1 order by v.version desc limit 200`,
    [companionId],
  );
}

export async function versionSnapshot(
  tx: Queryable,
  companionId: string,
  version: number,
): Promise<PersonaFields | null> {
  const [row] = await tx.query<{ snapshot: PersonaFields }>(
    'select snapshot from hearth.companion_versions where companion_id = $1 and version = $2',
    [companionId, version],
  );
  return row?.snapshot ?? null;
}

export type StoredAvatar = { contentType: string; bytes: Uint8Array; sha256: string };

export async function putAvatar(tx: Queryable, companionId: string, avatar: StoredAvatar): Promise<void> {
  await tx.query(
    `insert into hearth.companion_avatars (companion_id, content_type, bytes, sha256) values ($1, $2, $3, $4)
     on conflict (companion_id) do update set content_type = excluded.content_type, bytes = excluded.bytes,
       sha256 = excluded.sha256, updated_at = now()`,
    [companionId, avatar.contentType, Buffer.from(avatar.bytes), avatar.sha256],
  );
}

export async function getAvatar(tx: Queryable, companionId: string): Promise<StoredAvatar | null> {
  const [row] = await tx.query<{ contentType: string; bytes: Uint8Array; sha256: string }>(
    'select content_type as "contentType", bytes, sha256 from hearth.companion_avatars where companion_id = $1',
    [companionId],
  );
  return row ?? null;
}
