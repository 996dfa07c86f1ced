import { randomUUID } from 'node:crypto';
import type { Database } from '@/lib/db/client';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { getBlobStore, type BlobStore } from '@/lib/storage';
import { imageDimensions } from '@/lib/uploads/dimensions';
import { EXTENSIONS } from '@/lib/uploads/limits';
import { sniffMediaType } from '@/lib/uploads/sniff';
import { parseWith } from '@/lib/validation/parse';
import { getProfile, setName, setTheme, swapAvatarPath, type Profile } from './queries';
import { AVATAR_TYPES, displayName, MAX_AVATAR_BYTES, MAX_AVATAR_SIDE, themeChoice } from './schemas';
import type { Theme } from './theme';

export type { Profile } from './queries';
type Options = { db?: Database; store?: BlobStore };

export async function loadProfile(user: UserScope, db?: Database): Promise<Profile> {
  const profile = await withUser(user, getProfile, db);
  if (!profile) throw new HearthError('not_found', 'This account does not exist.');
  return profile;
}

export async function renameProfile(user: UserScope, input: unknown, db?: Database): Promise<string> {
  const name = parseWith(displayName, input);
  await withUser(user, (tx) => setName(tx, name), db);
  return name;
}

export async function chooseTheme(user: UserScope, input: unknown, db?: Database): Promise<Theme> {
  const theme = parseWith(themeChoice, input);
  await withUser(user, (tx) => setTheme(tx, theme), db);
  return theme;
}

/** Where the page loads the person's own picture from; the file's id in it makes each picture a new URL. */
export function avatarUrl(profile: Pick<Profile, 'avatarPath'>): string | null {
  const file = profile.avatarPath?.split('/')[1]?.split('.')[0];
  return file ? `/api/profile/avatar?v=${file}` : null;
}

/**
 * Keeps a new picture of the person: a PNG, JPEG or WebP by its bytes (never its name), at most
 * MAX_AVATAR_BYTES and MAX_AVATAR_SIDE pixels a side by its header (the browser has already scaled
 * it down). The object is written first, then the row points at it, then the old object goes.
 */
export async function saveAvatar(user: UserScope, bytes: Uint8Array, options: Options = {}): Promise<Profile> {
  const mediaType = checkAvatar(bytes);
  const store = options.store ?? getBlobStore();
  const path = `${user.id}/${randomUUID()}.${EXTENSIONS[mediaType]}`;
  await store.put(path, bytes, mediaType);
  let old: string | null;
  try {
    old = await withUser(user, (tx) => swapAvatarPath(tx, path), options.db);
  } catch (error) {
    await store.delete([path]).catch(() => undefined);
    throw error;
  }
  if (old) await store.delete([old]).catch((error: unknown) => console.error('[profile] old picture stays:', error));
  return loadProfile(user, options.db);
}

export async function removeAvatar(user: UserScope, options: Options = {}): Promise<void> {
  const old = await withUser(user, (tx) => swapAvatarPath(tx, null), options.db);
  if (old) await (options.store ?? getBlobStore()).delete([old]);
}

/** The picture's type when it is one Hearth keeps as an avatar, else a 400 that says why. */
export function checkAvatar(bytes: Uint8Array): (typeof AVATAR_TYPES)[number] {
  const problem = (message: string) => new HearthError('bad_request', message, { param: 'avatar' });
  if (bytes.byteLength === 0) throw problem('The picture is empty.');
  if (bytes.byteLength > MAX_AVATAR_BYTES) throw problem('Pictures can be at most 1 MB.');
  const type = sniffMediaType(bytes);
  const avatarType = AVATAR_TYPES.find((t) => t === type);
  if (!avatarType) throw problem('Choose a PNG, JPEG or WebP picture.');
  const size = imageDimensions(bytes, avatarType);
  if (!size) throw problem('This picture could not be read: it may be damaged.');
  if (size.width > MAX_AVATAR_SIDE || size.height > MAX_AVATAR_SIDE)
    throw problem(`Pictures can be at most ${MAX_AVATAR_SIDE} × ${MAX_AVATAR_SIDE} pixels.`);
  return avatarType;
}

/** The person's own picture, for the route that serves it: its bytes, or a signed URL of the store. */
export async function readAvatar(
  user: UserScope,
  options: Options = {},
): Promise<{ url: string } | { bytes: Uint8Array; mediaType: string } | null> {
  const { avatarPath } = await loadProfile(user, options.db);
  if (!avatarPath) return null;
  const store = options.store ?? getBlobStore();
  const url = await store.signedUrl(avatarPath, 5 * 60);
  if (url) return { url };
  const extension = avatarPath.split('.').pop();
  const mediaType = AVATAR_TYPES.find((t) => EXTENSIONS[t] === extension) ?? 'application/octet-stream';
  return { bytes: await store.read(avatarPath), mediaType };
}
