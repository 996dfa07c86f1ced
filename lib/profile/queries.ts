import type { Queryable } from '@/lib/db/client';
import type { Theme } from './theme';

/** What Settings shows and changes of the person's own row (RLS: only their own). */
export type Profile = {
  name: string | null;
  email: string | null;
  isGuest: boolean;
  theme: Theme;
  avatarPath: string | null;
};

export async function getProfile(tx: Queryable): Promise<Profile | null> {
  const [row] = await tx.query<Profile>(
    `select name, email, is_guest as "isGuest", theme, avatar_path as "avatarPath"
       from hearth.users where id = hearth.requesting_user_id()`,
  );
  return row ?? null;
}

export async function setName(tx: Queryable, name: string): Promise<void> {
  await tx.query('update hearth.users set name = $1 where id = hearth.requesting_user_id()', [name]);
}

export async function setTheme(tx: Queryable, theme: Theme): Promise<void> {
  await tx.query('update hearth.users set theme = $1 where id = hearth.requesting_user_id()', [theme]);
}

/** Points the account at a new picture (or none); answers the one it replaces, whose object the caller deletes. */
export async function swapAvatarPath(tx: Queryable, path: string | null): Promise<string | null> {
  const [row] = await tx.query<{ old: string | null }>(
    `update hearth.users u set avatar_path = $1
       from (select avatar_path from hearth.users where id = hearth.requesting_user_id() for update) before
      where u.id = hearth.requesting_user_id()
      returning before.avatar_path as old`,
    [path],
  );
  return row?.old ?? null;
}
