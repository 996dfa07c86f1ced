import { parseCardFile } from '@/lib/cards/card';
import type { Database, Queryable } from '@/lib/db/client';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { avatarUrl } from '@/lib/personas/avatar';
import { storedAvatar } from '@/lib/personas/avatar-resize';
import {
  getPersona,
  insertPersona,
  putAvatar,
  setAvatarUrl,
  updatePersona,
  type StoredAvatar,
} from '@/lib/personas/queries';
import { parseWith } from '@/lib/validation/parse';
import { listCompanions } from './queries';
import {
  archiveOwnCompanion,
  listCommunity,
  listOwnCompanions,
  type CommunityCompanion,
  type CompanionSummary,
} from './own-queries';
import { userCompanionModels } from './own-models';
import {
  asPersonaFields,
  communityFilters,
  DEFAULT_OWN_COMPANION,
  ownCompanionFields,
  ownSlug,
  type OwnCompanionFields,
} from './own-schemas';

// People's own companions (docs/architecture/user-companions.md). Everything runs in the person's
// RLS scope: the database refuses a write to anyone else's companion, and its trigger keeps
// guests' and unverified accounts' companions private.

const DEFAULT_AVATAR = '/avatars/default.svg';

/** A person's companion as its editor holds it. */
export type OwnCompanion = OwnCompanionFields & { id: string; slug: string; avatarUrl: string };

/** The models people's companions may use, read in the person's scope (the catalogue's models by default). */
async function allowedModels(tx: Queryable): Promise<string[]> {
  const catalogue = await listCompanions(tx);
  return userCompanionModels(catalogue.map((companion) => companion.defaultModel));
}

export function ownCompanionModels(user: UserScope, db?: Database): Promise<string[]> {
  return withUser(user, allowedModels, db);
}

async function checkedFields(tx: Queryable, input: unknown): Promise<OwnCompanionFields> {
  const fields = parseWith(ownCompanionFields, input);
  if (!(await allowedModels(tx)).includes(fields.model)) {
    throw new HearthError('bad_request', 'Choose one of the models offered for your companions.', { param: 'model' });
  }
  return fields;
}

async function loadOwn(tx: Queryable, id: string): Promise<OwnCompanion> {
  const [owned] = await tx.query<{ audience: OwnCompanionFields['audience'] }>(
    `select audience from hearth.companions
      where id = $1 and owner_id = hearth.requesting_user_id() and archived_at is null`,
    [id],
  );
  const persona = owned && (await getPersona(tx, id));
  if (!persona) throw new HearthError('not_found', 'You have no such companion.');
  const { defaultModel, ...fields } = persona;
  return {
    ...parseWith(ownCompanionFields, { ...fields, model: defaultModel, audience: owned.audience }),
    ...ids(persona),
  };
}

const ids = ({ id, slug, avatarUrl }: { id: string; slug: string; avatarUrl: string }) => ({ id, slug, avatarUrl });

async function storeAvatar(tx: Queryable, id: string, avatar: StoredAvatar): Promise<void> {
  await putAvatar(tx, id, avatar);
  await setAvatarUrl(tx, id, avatarUrl(id, avatar.sha256));
}

type WriteOptions = { avatar?: Uint8Array | null; db?: Database };

/** Checks the fields, writes them (`write` returns the companion's id) and the avatar, in one transaction. */
async function writeOwn(
  user: UserScope,
  input: unknown,
  options: WriteOptions,
  write: (tx: Queryable, fields: OwnCompanionFields) => Promise<string>,
): Promise<OwnCompanion> {
  const avatar = options.avatar?.byteLength ? await storedAvatar(options.avatar) : null;
  return withUser(
    user,
    async (tx) => {
      const id = await write(tx, await checkedFields(tx, input));
      if (avatar) await storeAvatar(tx, id, avatar);
      return loadOwn(tx, id);
    },
    options.db,
  );
}

/** Makes a companion of the person's own; `avatar` is an uploaded picture's bytes. */
export function createOwnCompanion(user: UserScope, input: unknown, options: WriteOptions = {}): Promise<OwnCompanion> {
  return writeOwn(user, input, options, (tx, fields) =>
    insertPersona(tx, asPersonaFields(fields, ownSlug(fields.name)), DEFAULT_AVATAR, fields.audience),
  );
}

/** Saves the person's edits to their companion (its slug stays, so its links keep working). */
export function saveOwnCompanion(
  user: UserScope,
  id: string,
  input: unknown,
  options: WriteOptions = {},
): Promise<OwnCompanion> {
  return writeOwn(user, input, options, async (tx, fields) => {
    const current = await loadOwn(tx, id);
    await updatePersona(tx, id, asPersonaFields(fields, current.slug), fields.audience);
    return id;
  });
}

export function ownCompanion(user: UserScope, id: string, db?: Database): Promise<OwnCompanion> {
  return withUser(user, (tx) => loadOwn(tx, id), db);
}

export function ownCompanions(user: UserScope, db?: Database): Promise<CompanionSummary[]> {
  return withUser(user, listOwnCompanions, db);
}

export async function removeOwnCompanion(user: UserScope, id: string, db?: Database): Promise<void> {
  const removed = await withUser(user, (tx) => archiveOwnCompanion(tx, id), db);
  if (!removed) throw new HearthError('not_found', 'You have no such companion.');
}

export async function communityCompanions(
  user: UserScope,
  filters: unknown,
  db?: Database,
): Promise<CommunityCompanion[]> {
  const { q, tag } = parseWith(communityFilters, filters);
  return withUser(user, (tx) => listCommunity(tx, { q: q || undefined, tag }), db);
}

/**
 * A Character Card (V1/V2/V3, JSON or PNG) as a new private companion of the person's, through the
 * same parser, caps and field mapping as the admin import; its picture becomes the avatar.
 */
export async function importOwnCard(user: UserScope, bytes: Uint8Array, db?: Database): Promise<OwnCompanion> {
  const card = parseCardFile(bytes);
  const models = await ownCompanionModels(user, db);
  const { fields } = card;
  const input: OwnCompanionFields = {
    ...DEFAULT_OWN_COMPANION,
    ...Object.fromEntries(Object.entries(fields).filter(([key]) => key in DEFAULT_OWN_COMPANION)),
    // A card's own routing hints are not the person's to bring: the first model on offer.
    model: models[0]!,
    audience: 'private',
  };
  return createOwnCompanion(user, input, { avatar: card.image ?? null, db });
}
