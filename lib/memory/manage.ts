import type { Companion } from '@/lib/companions/queries';
import type { Database } from '@/lib/db/client';
import { findCompanion } from '@/lib/companions/queries';
import {
  deleteMemory,
  findMemory,
  forgetMemories,
  getMemorySettings,
  listMemories,
  setMemorySetting,
  updateMemory,
  type ListedMemory,
  type MemorySettings,
} from '@/lib/memory/queries';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { plainNote } from './prompt';
import { memoryAsNote } from './wording';

/** What the person sees in "what <companion> remembers about you". */
export type MemoryOverview = { companion: Companion; settings: MemorySettings; memories: ListedMemory[] };

export function memoryOverview(
  user: UserScope,
  companionSlugOrId: string,
  db?: Database,
): Promise<MemoryOverview | null> {
  return withUser(
    user,
    async (tx) => {
      const companion = await findCompanion(tx, companionSlugOrId);
      if (!companion) return null;
      const [settings, memories] = [await getMemorySettings(tx, companion.id), await listMemories(tx, companion.id)];
      return { companion, settings, memories };
    },
    db,
  );
}

/**
 * The person's own wording replaces the memory's; it stays one plain line like every memory, and
 * what they wrote in the second person ("Your name is …", as the panel shows it) becomes a note again.
 */
export async function editMemory(user: UserScope, id: string, content: string, db?: Database): Promise<ListedMemory> {
  const edited = await withUser(
    user,
    async (tx) => (await updateMemory(tx, id, { content: plainNote(memoryAsNote(content)) })) && findMemory(tx, id),
    db,
  );
  if (!edited) throw new HearthError('not_found', 'This memory does not exist.');
  return edited;
}

/** Deletes one memory; false when it was not the user's or already gone. */
export function removeMemory(user: UserScope, id: string, db?: Database): Promise<boolean> {
  return withUser(user, (tx) => deleteMemory(tx, id), db);
}

/** Deletes all the companion remembers, the shared general memories included; returns how many. */
export function forgetEverything(user: UserScope, companionId: string, db?: Database): Promise<number> {
  return withUser(user, (tx) => forgetMemories(tx, companionId), db);
}

/** Memory on or off for one companion, or (companionId null) sharing general memories with all. */
export function setMemorySwitch(
  user: UserScope,
  companionId: string | null,
  enabled: boolean,
  db?: Database,
): Promise<void> {
  return withUser(user, (tx) => setMemorySetting(tx, companionId, enabled), db);
}

/** Sets a companion's switch and/or the sharing opt-in at once, and returns the result. */
export function setMemorySettings(
  user: UserScope,
  companionId: string,
  changes: { enabled?: boolean; shared?: boolean },
  db?: Database,
): Promise<MemorySettings> {
  return withUser(
    user,
    async (tx) => {
      if (changes.enabled !== undefined) await setMemorySetting(tx, companionId, changes.enabled);
      if (changes.shared !== undefined) await setMemorySetting(tx, null, changes.shared);
      return getMemorySettings(tx, companionId);
    },
    db,
  );
}
