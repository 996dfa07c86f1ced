import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteAccount } from '@/lib/auth/account';
import type { Database } from '@/lib/db';
import { localBlobStore } from '@/lib/storage/local';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { encodePng } from '@/lib/uploads/png';
import { confirmsDeletion } from './schemas';
import { avatarUrl, chooseTheme, loadProfile, readAvatar, removeAvatar, renameProfile, saveAvatar } from './service';

describe.each(TEST_DATABASES)('a person’s profile on $name', ({ open }) => {
  let db: Database;
  let root: string;
  beforeAll(async () => {
    db = await open();
    root = await mkdtemp(path.join(tmpdir(), 'hearth-profile-'));
  });
  afterAll(async () => {
    await db?.close();
    await rm(root, { recursive: true, force: true });
  });
  const store = () => localBlobStore(root);
  const objectsOf = (user: { id: string }) => readdir(path.join(root, user.id)).catch(() => [] as string[]);

  it('renames, and refuses an empty or overlong name with a 400', async () => {
    const user = await createTestUser(db, 'renamed');
    expect(await renameProfile(user, '  Sam  ', db)).toBe('Sam');
    expect((await loadProfile(user, db)).name).toBe('Sam');
    await expect(renameProfile(user, '   ', db)).rejects.toMatchObject({ status: 400 });
    await expect(renameProfile(user, 'x'.repeat(101), db)).rejects.toMatchObject({ status: 400 });
    await expect(renameProfile(user, 42, db)).rejects.toMatchObject({ status: 400 });
  });

  it('keeps a theme on the account, only one of the three', async () => {
    const user = await createTestUser(db, 'themed');
    expect((await loadProfile(user, db)).theme).toBe('system');
    expect(await chooseTheme(user, 'dark', db)).toBe('dark');
    expect((await loadProfile(user, db)).theme).toBe('dark');
    await expect(chooseTheme(user, 'blue', db)).rejects.toMatchObject({ status: 400 });
  });

  it('keeps one picture, replaces it, removes it, and deletes it with the account', async () => {
    const user = await createTestUser(db, 'pictured');
    const neighbour = await createTestUser(db, 'neighbour');
    const png = encodePng(32, 32, () => [200, 120, 40, 255]);
    const first = await saveAvatar(user, png, { db, store: store() });
    expect(avatarUrl(first)).toMatch(/^\/api\/profile\/avatar\?v=[0-9a-f-]{36}$/);
    expect(await readAvatar(user, { db, store: store() })).toEqual({ bytes: png, mediaType: 'image/png' });
    expect(await readAvatar(neighbour, { db, store: store() })).toBeNull();

    const second = await saveAvatar(
      user,
      encodePng(16, 16, () => [0, 0, 0, 255]),
      { db, store: store() },
    );
    expect(avatarUrl(second)).not.toBe(avatarUrl(first));
    expect(await objectsOf(user)).toHaveLength(1); // the first one went

    await removeAvatar(user, { db, store: store() });
    expect((await loadProfile(user, db)).avatarPath).toBeNull();
    expect(await objectsOf(user)).toHaveLength(0);

    await saveAvatar(user, png, { db, store: store() });
    await deleteAccount(user, { db, store: store() });
    expect(await objectsOf(user)).toHaveLength(0);
  });

  it('refuses what is not a small PNG, JPEG or WebP picture, by its bytes', async () => {
    const user = await createTestUser(db, 'refused');
    const save = (bytes: Uint8Array) => saveAvatar(user, bytes, { db, store: store() });
    await expect(save(new Uint8Array())).rejects.toMatchObject({ status: 400, message: 'The picture is empty.' });
    await expect(save(new TextEncoder().encode('<svg onload="alert(1)"/>'))).rejects.toMatchObject({
      status: 400,
      message: 'Choose a PNG, JPEG or WebP picture.',
    });
    await expect(save(encodePng(2000, 1, () => [0, 0, 0, 255]))).rejects.toMatchObject({ status: 400 });
    await expect(save(new Uint8Array(1024 * 1024 + 1))).rejects.toMatchObject({ status: 400 });
    expect(await objectsOf(user)).toHaveLength(0);
  });
});

describe('confirming an account’s deletion', () => {
  it('takes DELETE or the account’s email, nothing looser', () => {
    expect(confirmsDeletion('DELETE', null)).toBe(true);
    expect(confirmsDeletion(' DELETE ', 'sam@example.com')).toBe(true);
    expect(confirmsDeletion('Sam@Example.com', 'sam@example.com')).toBe(true);
    expect(confirmsDeletion('delete', 'sam@example.com')).toBe(false);
    expect(confirmsDeletion('', null)).toBe(false);
    expect(confirmsDeletion('sam@example.com', null)).toBe(false);
  });
});
