import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startConversation } from '@/lib/conversations/service';
import type { Database } from '@/lib/db';
import { HearthError } from '@/lib/errors';
import { megabytes } from '@/lib/format';
import type { BlobStore } from '@/lib/storage';
import { localBlobStore } from '@/lib/storage/local';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { deleteConversationAndFiles, deleteUnsentUpload } from './cleanup';
import { confirmUpload, createUploadTarget, receiveUploadBytes } from './direct';
import { encodePng } from './png';
import { MB, storageQuotas, storageQuotaSetting } from './quota';
import { saveUpload, storeUpload } from './service';
import { storageUsage } from './storage-usage';
import { withUser } from '@/lib/db/scope';
import { attachUploadsStatement } from '@/lib/uploads/queries';
import { runStatement } from '@/lib/db/statement';
import { deleteMessages, insertMessage } from '@/lib/conversations/messages';
import { deleteStaleUploads } from './stale';

const ORIGIN = 'http://hearth.test';
/** A PNG of noise (it does not compress): about 4 bytes a pixel. */
function noisyPng(side: number): Uint8Array {
  const noise = randomBytes(side * side * 3);
  return encodePng(side, side, (x, y) => {
    const i = (y * side + x) * 3;
    return [noise[i]!, noise[i + 1]!, noise[i + 2]!, 255];
  });
}
const pngFile = (bytes: Uint8Array) => ({
  bytes,
  mediaType: 'image/png' as const,
  kind: 'image' as const,
  filename: 'noise.png',
});

async function refusal(promise: Promise<unknown>): Promise<HearthError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HearthError);
  return error as HearthError;
}

describe('storage sizes as people read them', () => {
  it('says megabytes, with two decimals below one', () => {
    expect([0, 1, 300_000, 545_000, 1.5 * MB, 20 * MB, 19.96 * MB, 500 * MB].map(megabytes)).toEqual([
      '0 MB',
      '0.01 MB',
      '0.29 MB',
      '0.52 MB',
      '1.5 MB',
      '20 MB',
      '20 MB',
      '500 MB',
    ]);
  });
});

describe('storage quotas from the environment', () => {
  it('defaults to 20 MB for guests, 500 MB for people, no limit for admins', () => {
    expect(storageQuotas({})).toEqual({ guest: 20 * MB, user: 500 * MB, admin: 0 });
    expect(storageQuotaSetting({})).toBe(`${20 * MB},${500 * MB},0`);
  });
  it('derives roles from the base and lets each role be set alone; nonsense falls back', () => {
    expect(storageQuotas({ STORAGE_QUOTA_MB: '1000' })).toEqual({ guest: 40 * MB, user: 1000 * MB, admin: 0 });
    expect(
      storageQuotas({ STORAGE_QUOTA_MB_GUEST: '0', STORAGE_QUOTA_MB_USER: '2', STORAGE_QUOTA_MB_ADMIN: '3' }),
    ).toEqual({ guest: 0, user: 2 * MB, admin: 3 * MB });
    expect(storageQuotas({ STORAGE_QUOTA_MB: 'lots', STORAGE_QUOTA_MB_GUEST: '1.5' })).toEqual({
      guest: 20 * MB,
      user: 500 * MB,
      admin: 0,
    });
  });
});

describe.each(TEST_DATABASES)('the storage quota on $name', ({ open }) => {
  let db: Database;
  let root: string;
  let store: BlobStore;
  const picture = noisyPng(340); // ~347 KB: two fit in a megabyte, three do not
  const size = picture.byteLength;

  const guest = async (label = 'guest') => {
    const user = await createTestUser(db, label);
    await db.query('update hearth.users set is_guest = true where id = $1', [user.id]);
    return { ...user, role: 'user' as const, isGuest: true };
  };
  const used = async (user: { id: string }) =>
    Number((await db.query<{ n: string }>('select hearth.storage_used($1)::text as n', [user.id]))[0]!.n);

  beforeAll(async () => {
    db = await open();
    root = await mkdtemp(path.join(tmpdir(), 'hearth-quota-'));
    store = localBlobStore(root);
  });
  beforeEach(() => {
    // A guest may keep a megabyte: two of these pictures fit, a third does not.
    vi.stubEnv('STORAGE_QUOTA_MB_GUEST', '1');
    vi.stubEnv('STORAGE_QUOTA_MB_USER', '500');
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await db?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('refuses a guest the upload past the quota with a 413 that says how much is used of how much', async () => {
    expect(size).toBeGreaterThan(MB / 3);
    expect(size).toBeLessThan(MB / 2);
    const user = await guest();
    await saveUpload(user, pngFile(picture), { db, store });
    await saveUpload(user, pngFile(picture), { db, store });
    const error = await refusal(saveUpload(user, pngFile(picture), { db, store }));
    expect(error.status).toBe(413);
    expect(error.publicCode).toBe('storage_quota');
    expect(error.message).toMatch(/using 0\.\d+ MB of 1 MB/);
    // The refused file left nothing: no row, no object beyond the two kept.
    expect(await used(user)).toBe(2 * size);
    expect(await storageUsage(user, { db })).toEqual({ usedBytes: 2 * size, quotaBytes: MB });
  });

  it('does not limit a person under their own, larger quota, nor an admin', async () => {
    const person = { ...(await createTestUser(db, 'person')), role: 'user' as const, isGuest: false };
    for (let i = 0; i < 4; i++) await saveUpload(person, pngFile(picture), { db, store });
    expect(await used(person)).toBe(4 * size);
    const admin = await createTestUser(db, 'admin');
    await db.query("update hearth.users set role = 'admin' where id = $1", [admin.id]);
    vi.stubEnv('STORAGE_QUOTA_MB_USER', '1');
    for (let i = 0; i < 4; i++) await saveUpload(admin, pngFile(picture), { db, store });
    expect(await storageUsage({ ...admin, role: 'admin' }, { db })).toEqual({ usedBytes: 4 * size, quotaBytes: null });
  });

  it('lets exactly as many parallel uploads through as fit: the check and the row are one step', async () => {
    const user = await guest('racer');
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => saveUpload(user, pngFile(picture), { db, store })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    for (const r of results)
      if (r.status === 'rejected') expect((r.reason as HearthError).publicCode).toBe('storage_quota');
    expect(await used(user)).toBe(2 * size);
  });

  it('counts pending uploads at their announced size, in parallel too, and the confirmation at the real size', async () => {
    const user = await guest('direct');
    const target = () =>
      createUploadTarget(
        user,
        { kind: 'image', mediaType: 'image/png', size, filename: 'a.png' },
        { db, store, origin: ORIGIN },
      );
    const results = await Promise.allSettled(Array.from({ length: 5 }, target));
    const issued = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(issued).toHaveLength(2);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as HearthError).status).toBe(413);
    expect(await used(user)).toBe(2 * size);

    // Confirming swaps the pending row for the upload within the quota.
    const first = issued[0]!;
    await receiveUploadBytes(
      user,
      first.pending.id,
      new Request(first.target.url, { method: 'PUT', body: Buffer.from(picture) }),
      { db, store },
    );
    const { upload } = await confirmUpload(user, first.pending.id, { db, store });
    expect(upload.sizeBytes).toBe(size);
    expect(await used(user)).toBe(2 * size);

    // Taking a pending upload back frees its space for another.
    await deleteUnsentUpload(user, issued[1]!.pending.id, { db, store });
    expect(await used(user)).toBe(size);
    await target();
    expect(await used(user)).toBe(2 * size);
  });

  it('refuses a confirmation whose stored bytes are larger than announced once they do not fit, and keeps nothing', async () => {
    const user = await guest('liar');
    await saveUpload(user, pngFile(picture), { db, store });
    const small = encodePng(4, 4, () => [1, 2, 3, 255]);
    const issued = await createUploadTarget(
      user,
      { kind: 'image', mediaType: 'image/png', size: small.byteLength, filename: 'x.png' },
      { db, store, origin: ORIGIN },
    );
    const big = noisyPng(500); // ~750 KB: with the first picture, over a megabyte
    await receiveUploadBytes(
      user,
      issued.pending.id,
      new Request(issued.target.url, { method: 'PUT', body: Buffer.from(big) }),
      { db, store },
    );
    const error = await refusal(confirmUpload(user, issued.pending.id, { db, store }));
    expect(error.publicCode).toBe('storage_quota');
    // The pending row and its object are gone: the refused bytes take no space.
    expect(await used(user)).toBe(size);
    expect(await store.stat(issued.pending.path)).toBeNull();
  });

  it('frees the space of a conversation deleted with its files', async () => {
    const user = await guest('deleter');
    const conversation = await startConversation(user, { companion: 'ada' }, db);
    const a = await saveUpload(user, pngFile(picture), { db, store });
    const b = await saveUpload(user, pngFile(picture), { db, store });
    await withUser(
      user,
      async (tx) => {
        const messageId = await insertMessage(tx, {
          conversationId: conversation.id,
          role: 'user',
          text: 'look',
          status: 'complete',
        });
        await runStatement(tx, attachUploadsStatement([a.id, b.id], { conversationId: conversation.id, messageId }));
      },
      db,
    );
    expect(await refusal(saveUpload(user, pngFile(picture), { db, store }))).toMatchObject({
      publicCode: 'storage_quota',
    });
    expect(await deleteConversationAndFiles(user, conversation.id, { db, store })).toBe(true);
    expect(await used(user)).toBe(0);
    await saveUpload(user, pngFile(picture), { db, store });
  });

  it('stops counting the files of a deleted message (a replaced reply), and the job deletes them', async () => {
    const user = await guest('regenerator');
    const conversation = await startConversation(user, { companion: 'ada' }, db);
    const a = await saveUpload(user, pngFile(picture), { db, store });
    const b = await saveUpload(user, pngFile(picture), { db, store });
    const messageId = await withUser(
      user,
      async (tx) => {
        const id = await insertMessage(tx, {
          conversationId: conversation.id,
          role: 'assistant',
          text: 'two pictures',
          status: 'complete',
        });
        await runStatement(
          tx,
          attachUploadsStatement([a.id, b.id], { conversationId: conversation.id, messageId: id }),
        );
        return id;
      },
      db,
    );
    expect(await used(user)).toBe(2 * size);
    // What a regeneration does to the reply it replaces (lib/chat/pipeline.ts).
    await withUser(user, (tx) => deleteMessages(tx, [messageId]), db);
    expect(await used(user)).toBe(0);
    expect((await storageUsage(user, { db })).usedBytes).toBe(0);
    await saveUpload(user, pngFile(picture), { db, store });

    const deleted = await db.transaction((tx) => deleteStaleUploads(tx, store, new Date(0)));
    expect(deleted.orphaned).toBeGreaterThanOrEqual(2);
    expect(await store.stat(a.path)).toBeNull();
    expect(await db.query('select id from hearth.uploads where id = any($1::uuid[])', [[a.id, b.id]])).toEqual([]);
  });

  it('counts generated pictures too (the picture tool stores them through storeUpload)', async () => {
    const user = await guest('painter');
    const generated = { ...pngFile(picture), width: 300, height: 300, source: 'generated' as const };
    await storeUpload(user, generated, store, db);
    await storeUpload(user, generated, store, db);
    expect(await refusal(storeUpload(user, generated, store, db))).toMatchObject({
      status: 413,
      publicCode: 'storage_quota',
    });
  });
});
