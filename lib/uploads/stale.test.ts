import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConversation } from '@/lib/conversations/service';
import type { Database } from '@/lib/db';
import { insertMessage } from '@/lib/conversations/messages';
import { withUser } from '@/lib/db/scope';
import { attachUploadsStatement } from '@/lib/uploads/queries';
import { runStatement } from '@/lib/db/statement';
import type { BlobStore } from '@/lib/storage';
import { localBlobStore } from '@/lib/storage/local';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { createUploadTarget } from './direct';
import { encodePng } from './png';
import { saveUpload } from './service';
import { deleteStaleUploads, STALE_UPLOAD_AGE_MS } from './stale';

const png = () => encodePng(2, 2, () => [10, 20, 30, 255]);
const image = () => ({ bytes: png(), mediaType: 'image/png' as const, kind: 'image' as const, filename: 'a.png' });

describe.each(TEST_DATABASES)('the stale-upload job on $name', ({ open }) => {
  let db: Database;
  let root: string;
  let store: BlobStore;
  beforeAll(async () => {
    db = await open();
    root = await mkdtemp(path.join(tmpdir(), 'hearth-stale-'));
    store = localBlobStore(root);
  });
  afterAll(async () => {
    await db?.close();
    await rm(root, { recursive: true, force: true });
  });

  const exists = async (objectPath: string) => (await store.stat(objectPath)) !== null;
  const age = (table: 'uploads' | 'pending_uploads', ids: string[]) =>
    db.query(`update hearth.${table} set created_at = now() - interval '25 hours' where id = any($1::uuid[])`, [ids]);
  const pendingWithObject = async (owner: { id: string }) => {
    const issued = await createUploadTarget(
      owner,
      { kind: 'image', mediaType: 'image/png', size: png().length },
      { db, store, origin: 'http://hearth.test' },
    );
    await store.put(issued.pending.path, png(), 'image/png');
    return issued.pending;
  };
  const cutoff = () => new Date(Date.now() - STALE_UPLOAD_AGE_MS);

  it('deletes, for every user, uploads never confirmed or never sent after a day, with their objects; keeps the rest', async () => {
    await db.transaction((tx) => deleteStaleUploads(tx, store, cutoff())); // what earlier runs on a reused database left
    const user = await createTestUser(db, 'stale');
    const neighbour = await createTestUser(db, 'neighbour');
    const oldPending = await pendingWithObject(user);
    const oldPendingNoObject = (
      await createUploadTarget(
        neighbour,
        { kind: 'audio', mediaType: 'audio/webm', size: 10 },
        { db, store, origin: 'http://hearth.test' },
      )
    ).pending;
    const freshPending = await pendingWithObject(user);
    const oldUnsent = await saveUpload(neighbour, image(), { db, store, env: {} });
    const freshUnsent = await saveUpload(user, image(), { db, store, env: {} });
    const oldSent = await saveUpload(user, image(), { db, store, env: {} });
    const { id: conversationId } = await startConversation(user, { companion: 'ada' }, db);
    await withUser(
      user,
      async (tx) => {
        const messageId = await insertMessage(tx, { conversationId, role: 'user', text: 'look', status: 'complete' });
        // Attached, or it would refuse: the sweep below must not take an attached file.
        await runStatement(tx, attachUploadsStatement([oldSent.id], { conversationId, messageId }));
      },
      db,
    );
    await age('pending_uploads', [oldPending.id, oldPendingNoObject.id]);
    await age('uploads', [oldUnsent.id, oldSent.id]);

    expect(await db.transaction((tx) => deleteStaleUploads(tx, store, cutoff()))).toEqual({
      pending: 2,
      unattached: 1,
      orphaned: 0,
    });
    expect(await exists(oldPending.path)).toBe(false);
    expect(await exists(oldUnsent.path)).toBe(false);
    for (const kept of [freshPending.path, freshUnsent.path, oldSent.path]) expect(await exists(kept)).toBe(true);
    const ids = (
      await db.query<{ id: string }>('select id from hearth.pending_uploads union all select id from hearth.uploads')
    ).map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([freshPending.id, freshUnsent.id, oldSent.id]));
    for (const gone of [oldPending.id, oldPendingNoObject.id, oldUnsent.id]) expect(ids).not.toContain(gone);

    expect(await db.transaction((tx) => deleteStaleUploads(tx, store, cutoff()))).toEqual({
      pending: 0,
      unattached: 0,
      orphaned: 0,
    });
  });

  it('keeps the rows when the store cannot delete the objects, so the next run tries again', async () => {
    const user = await createTestUser(db, 'retry');
    const pending = await pendingWithObject(user);
    await age('pending_uploads', [pending.id]);
    const broken: BlobStore = { ...store, delete: () => Promise.reject(new Error('storage is down')) };
    await expect(db.transaction((tx) => deleteStaleUploads(tx, broken, cutoff()))).rejects.toThrow(/storage is down/);
    expect(await db.query('select id from hearth.pending_uploads where id = $1', [pending.id])).toHaveLength(1);
    expect(await exists(pending.path)).toBe(true);

    expect((await db.transaction((tx) => deleteStaleUploads(tx, store, cutoff()))).pending).toBeGreaterThanOrEqual(1);
    expect(await exists(pending.path)).toBe(false);
  });

  it('works through a backlog in batches', async () => {
    const user = await createTestUser(db, 'backlog');
    const pending = await Promise.all([1, 2, 3].map(() => pendingWithObject(user)));
    await age(
      'pending_uploads',
      pending.map((p) => p.id),
    );
    expect(await db.transaction((tx) => deleteStaleUploads(tx, store, cutoff(), { batch: 2 }))).toEqual({
      pending: 2,
      unattached: 0,
      orphaned: 0,
    });
    expect(await db.transaction((tx) => deleteStaleUploads(tx, store, cutoff(), { batch: 2 }))).toEqual({
      pending: 1,
      unattached: 0,
      orphaned: 0,
    });
    for (const p of pending) expect(await exists(p.path)).toBe(false);
  });
});
