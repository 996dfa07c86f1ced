import { parseCardFile, personaToCard, personaToPng, type CardSpec } from '@/lib/cards/card';
import type { Database } from '@/lib/db/client';
import { getAvatar, getPersona, type Persona } from '@/lib/personas/queries';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { avatarAsPng, storedAvatar } from './avatar-resize';
import { createPersona, fieldsOf, freeSlug } from './service';

/**
 * Imports a card file as a new draft persona (its PNG, minus the card chunks, becomes the avatar).
 * Everything is checked before anything is written, and the write is one transaction.
 */
export async function importCard(
  admin: UserScope,
  bytes: Uint8Array,
  fileName: string,
  db?: Database,
): Promise<{ persona: Persona; spec: CardSpec }> {
  const card = parseCardFile(bytes);
  const avatar = card.image ? await storedAvatar(card.image) : null;
  const slug = await withUser(admin, (tx) => freeSlug(tx, card.fields.slug), db);
  const persona = await createPersona(
    admin,
    { ...card.fields, slug },
    {
      action: 'persona.import',
      avatar,
      note: `Imported from a ${card.spec.toUpperCase()} card${fileName ? ` (${fileName.slice(0, 120)})` : ''}`,
      db,
    },
  );
  return { persona, spec: card.spec };
}

export type CardExport = { body: Uint8Array | string; contentType: string; fileName: string };

export async function exportCard(
  admin: UserScope,
  id: string,
  spec: 'v2' | 'v3',
  format: 'json' | 'png',
  db?: Database,
): Promise<CardExport> {
  const { persona, avatar } = await withUser(
    admin,
    async (tx) => ({ persona: await getPersona(tx, id), avatar: await getAvatar(tx, id) }),
    db,
  );
  if (!persona) throw new HearthError('not_found', 'There is no such persona.');
  const fields = fieldsOf(persona);
  const base = `${fields.slug}.${spec}`;
  if (format === 'json') {
    return {
      body: JSON.stringify(personaToCard(fields, spec), null, 2),
      contentType: 'application/json; charset=utf-8',
      fileName: `${base}.json`,
    };
  }
  const portrait = avatar ? await avatarAsPng(avatar) : null;
  return { body: personaToPng(fields, spec, portrait), contentType: 'image/png', fileName: `${base}.png` };
}
