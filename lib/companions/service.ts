import { findCompanion, listCompanions, type Companion } from '@/lib/companions/queries';
import type { Database } from '@/lib/db/client';
import { withAnon, withUser, type UserScope } from '@/lib/db/scope';

/** The companions a person can pick, read in their scope (or anon's when signed out). */
export function availableCompanions(user: UserScope | null, db?: Database): Promise<Companion[]> {
  return user ? withUser(user, listCompanions, db) : withAnon(listCompanions, db);
}

export function companionBySlugOrId(
  user: UserScope | null,
  slugOrId: string,
  db?: Database,
): Promise<Companion | null> {
  const find = (tx: Parameters<typeof findCompanion>[0]) => findCompanion(tx, slugOrId);
  return user ? withUser(user, find, db) : withAnon(find, db);
}
