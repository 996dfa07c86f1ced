import { writeAudit, type AuditAction } from '@/lib/admin/audit';
import type { Queryable } from '@/lib/db/client';
import type { Database } from '@/lib/db/client';
import {
  addSlugRedirect,
  getAvatar,
  getPersona,
  insertPersona,
  insertVersion,
  listPersonas,
  listVersions,
  putAvatar,
  setArchived,
  setAvatarUrl,
  slugTaken,
  updatePersona,
  versionSnapshot,
  type Persona,
  type PersonaRow,
  type StoredAvatar,
  type Version,
} from '@/lib/personas/queries';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError, PUBLISH_NEEDS_INSTRUCTIONS } from '@/lib/errors';
import { parseWith } from '@/lib/validation/parse';
import { personaFields, type PersonaFields, type PersonaFilters } from '@/lib/personas/schemas';
import { avatarUrl } from './avatar';

// Every function here runs in the admin's RLS scope: the database refuses the writes to anyone
// else, and each action writes its audit entry in the same transaction.

const DEFAULT_AVATAR = '/avatars/default.svg';

export function personaList(admin: UserScope, filters: PersonaFilters, db?: Database): Promise<PersonaRow[]> {
  return withUser(admin, (tx) => listPersonas(tx, filters), db);
}

export async function personaWithVersions(
  admin: UserScope,
  id: string,
  db?: Database,
): Promise<{ persona: Persona; versions: Version[] } | null> {
  return withUser(
    admin,
    async (tx) => {
      const persona = await getPersona(tx, id);
      return persona && { persona, versions: await listVersions(tx, id) };
    },
    db,
  );
}

export function fieldsOf(persona: Persona): PersonaFields {
  const fields = Object.fromEntries(Object.entries(persona).filter(([key]) => key in personaFields.shape));
  return parseWith(personaFields, fields);
}

async function load(tx: Queryable, id: string): Promise<Persona> {
  const persona = await getPersona(tx, id);
  if (!persona) throw new HearthError('not_found', 'There is no such persona.');
  return persona;
}

async function assertSlugFree(tx: Queryable, slug: string, exceptId?: string): Promise<void> {
  if (await slugTaken(tx, slug, exceptId)) {
    throw new HearthError('conflict', `The slug "${slug}" is taken by another persona (or was one of its old slugs).`, {
      param: 'fields.slug',
    });
  }
}

/** A published persona needs instructions (the database's publish rule says the same, as a backstop). */
function assertPublishable(fields: PersonaFields): void {
  if (fields.visibility === 'published' && !fields.instructions.trim())
    throw new HearthError('bad_request', PUBLISH_NEEDS_INSTRUCTIONS, { param: 'fields.instructions' });
}

/** Creates a persona (from the studio, an import or a duplicate) with its first version. */
export async function createPersona(
  admin: UserScope,
  input: unknown,
  options: {
    action?: Extract<AuditAction, 'persona.create' | 'persona.import' | 'persona.duplicate'>;
    avatar?: StoredAvatar | null;
    note?: string;
    db?: Database;
  } = {},
): Promise<Persona> {
  const fields = parseWith(personaFields, input);
  assertPublishable(fields);
  return withUser(
    admin,
    async (tx) => {
      await assertSlugFree(tx, fields.slug);
      const id = await insertPersona(tx, fields, DEFAULT_AVATAR);
      if (options.avatar) {
        await putAvatar(tx, id, options.avatar);
        await setAvatarUrl(tx, id, avatarUrl(id, options.avatar.sha256));
      }
      await insertVersion(tx, id, fields, options.note ?? 'Created');
      const persona = await load(tx, id);
      await writeAudit(tx, {
        action: options.action ?? 'persona.create',
        targetType: 'companion',
        targetId: id,
        before: null,
        after: fields,
      });
      return persona;
    },
    options.db,
  );
}

/**
 * Saves the studio's fields as a new version. `baseVersion` is the version the editor opened: if
 * someone saved in between, this is a 409 rather than a silent overwrite.
 */
export async function savePersona(
  admin: UserScope,
  id: string,
  input: unknown,
  baseVersion: number | null,
  options: { note?: string; action?: AuditAction; db?: Database } = {},
): Promise<Persona> {
  const fields = parseWith(personaFields, input);
  return withUser(
    admin,
    async (tx) => {
      await tx.query('select id from hearth.companions where id = $1 for update', [id]);
      const current = await load(tx, id);
      // A persona published before this rule may keep its state; publishing or emptying needs instructions.
      if (current.visibility !== 'published' || current.instructions.trim()) assertPublishable(fields);
      if (baseVersion !== null && current.version !== baseVersion) {
        throw new HearthError(
          'conflict',
          `Someone saved this persona (version ${current.version}) after you opened it. Reload to see their changes.`,
        );
      }
      const before = fieldsOf(current);
      if (fields.slug !== before.slug) {
        await assertSlugFree(tx, fields.slug, id);
        await addSlugRedirect(tx, before.slug, id, fields.slug);
      }
      await updatePersona(tx, id, fields);
      // A seeded companion has no version yet: its state before the first studio save becomes version 1.
      if (current.version === 0) await insertVersion(tx, id, before, 'Before the first edit');
      await insertVersion(tx, id, fields, options.note ?? 'Saved');
      const action =
        options.action ??
        (before.visibility !== fields.visibility
          ? fields.visibility === 'published'
            ? 'persona.publish'
            : 'persona.unpublish'
          : 'persona.update');
      await writeAudit(tx, { action, targetType: 'companion', targetId: id, before, after: fields });
      return load(tx, id);
    },
    options.db,
  );
}

export async function setVisibility(
  admin: UserScope,
  id: string,
  visibility: PersonaFields['visibility'],
  db?: Database,
): Promise<Persona> {
  const current = await withUser(admin, (tx) => load(tx, id), db);
  return savePersona(admin, id, { ...fieldsOf(current), visibility }, null, {
    note: visibility === 'published' ? 'Published' : 'Unpublished',
    db,
  });
}

export async function archivePersona(admin: UserScope, id: string, archived: boolean, db?: Database): Promise<Persona> {
  return withUser(
    admin,
    async (tx) => {
      const before = await load(tx, id);
      await setArchived(tx, id, archived);
      const after = await load(tx, id);
      await writeAudit(tx, {
        action: archived ? 'persona.archive' : 'persona.restore',
        targetType: 'companion',
        targetId: id,
        before: { archivedAt: before.archivedAt },
        after: { archivedAt: after.archivedAt },
      });
      return after;
    },
    db,
  );
}

export async function restoreVersion(admin: UserScope, id: string, version: number, db?: Database): Promise<Persona> {
  const snapshot = await withUser(admin, (tx) => versionSnapshot(tx, id, version), db);
  if (!snapshot) throw new HearthError('not_found', `Version ${version} does not exist.`);
  return savePersona(admin, id, snapshot, null, {
    note: `Restored version ${version}`,
    action: 'persona.restore_version',
    db,
  });
}

export async function duplicatePersona(admin: UserScope, id: string, db?: Database): Promise<Persona> {
  const { fields, avatar } = await withUser(
    admin,
    async (tx) => ({ fields: fieldsOf(await load(tx, id)), avatar: await getAvatar(tx, id) }),
    db,
  );
  const slug = await withUser(admin, (tx) => freeSlug(tx, `${fields.slug.slice(0, 55)}-copy`), db);
  return createPersona(
    admin,
    { ...fields, name: `${fields.name.slice(0, 73)} (copy)`, slug, visibility: 'draft' },
    {
      action: 'persona.duplicate',
      avatar,
      note: `Duplicated from ${fields.name}`,
      db,
    },
  );
}

/** The slug itself when free, else the slug with the first free -2, -3, ... */
export async function freeSlug(tx: Queryable, slug: string): Promise<string> {
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? slug : `${slug.slice(0, 60)}-${n}`;
    if (!(await slugTaken(tx, candidate))) return candidate;
  }
  return `${slug.slice(0, 50)}-${crypto.randomUUID().slice(0, 8)}`;
}

export async function replaceAvatar(
  admin: UserScope,
  id: string,
  avatar: StoredAvatar,
  db?: Database,
): Promise<Persona> {
  return withUser(
    admin,
    async (tx) => {
      const before = await load(tx, id);
      await putAvatar(tx, id, avatar);
      const url = avatarUrl(id, avatar.sha256);
      await setAvatarUrl(tx, id, url);
      await writeAudit(tx, {
        action: 'persona.avatar',
        targetType: 'companion',
        targetId: id,
        before: { avatarUrl: before.avatarUrl },
        after: { avatarUrl: url, contentType: avatar.contentType, bytes: avatar.bytes.byteLength },
      });
      return load(tx, id);
    },
    db,
  );
}
