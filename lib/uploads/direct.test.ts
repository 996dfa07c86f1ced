import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteAccount } from '@/lib/auth/account';
import type { Database } from '@/lib/db';
import { withUser } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import type { BlobStore } from '@/lib/storage';
import { localBlobStore } from '@/lib/storage/local';
import { supabaseBlobStore } from '@/lib/storage/supabase';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { startFakeStorage, type FakeStorage } from '@/lib/testing/fake-storage';
import { wavFile } from '@/lib/testing/media';
import { deleteUnsentUpload } from './cleanup';
import { NOT_TRANSCRIBED_HERE } from './service';
import { confirmUpload, createUploadTarget, receiveUploadBytes, type IssuedTarget } from './direct';
import { MAX_IMAGE_BYTES, type MediaType } from './limits';
import { encodePng } from './png';

const ORIGIN = 'http://hearth.test';
const png = (w = 6, h = 4) => encodePng(w, h, (x, y) => [x * 40, y * 60, 90, 255]);
/** A real PNG header that claims 20000 × 20000 pixels: decoding it would take 1.6 GB. */
function bomb(): Uint8Array {
  const bytes = png(1, 1);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  view.setUint32(16, 20_000);
  view.setUint32(20, 20_000);
  return bytes;
}
const webPage = () =>
  new TextEncoder().encode(
    '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>'.padEnd(300, ' '),
  );
const oversize = () => Buffer.concat([Buffer.from(png()), Buffer.alloc(MAX_IMAGE_BYTES + 1 - png().length)]);

async function refusal(promise: Promise<unknown>): Promise<HearthError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HearthError);
  return error as HearthError;
}

const CASES = TEST_DATABASES.flatMap((database) =>
  (['local', 'supabase'] as const).map((driver) => ({
    ...database,
    driver,
    label: `${database.name}, ${driver} storage`,
  })),
);

describe.each(CASES)('uploads in two steps ($label)', ({ open, driver }) => {
  let db: Database;
  let store: BlobStore;
  let storage: FakeStorage | undefined;
  let root: string | undefined;
  let user: { id: string };
  let other: { id: string };

  beforeAll(async () => {
    db = await open();
    user = await createTestUser(db, 'direct');
    other = await createTestUser(db, 'other');
    if (driver === 'supabase') {
      storage = await startFakeStorage();
      // A bucket made without Storage's own limits (by the migration, or by hand): nothing but
      // the confirmation stands between a bad file and a record.
      storage.buckets.set('media', { public: false, fileSizeLimit: null, allowedMimeTypes: null });
      store = supabaseBlobStore({ url: storage.url, serviceRoleKey: storage.key, bucket: 'media' });
    } else {
      root = await mkdtemp(path.join(tmpdir(), 'hearth-direct-'));
      store = localBlobStore(root);
    }
  });
  afterAll(async () => {
    await Promise.all([db?.close(), storage?.close(), root && rm(root, { recursive: true, force: true })]);
  });

  const target = (owner: { id: string }, mediaType: MediaType, size: number, filename: string | null = 'picture.png') =>
    createUploadTarget(
      owner,
      { kind: mediaType.startsWith('image/') ? 'image' : 'audio', mediaType, size, filename },
      { db, store, origin: ORIGIN },
    );

  /** Sends the bytes as the browser does: straight to Storage's signed URL, or to the app's route (its handler's work). */
  async function send(
    owner: { id: string },
    issued: IssuedTarget,
    bytes: Uint8Array,
    headers = issued.target.headers,
  ): Promise<number> {
    if (issued.target.sendCredentials) {
      const request = new Request(issued.target.url, {
        method: issued.target.method,
        headers,
        body: Buffer.from(bytes),
      });
      return receiveUploadBytes(owner, issued.pending.id, request, { db, store }).then(
        () => 204,
        (error: unknown) => (error instanceof HearthError ? error.status : Promise.reject(error)),
      );
    }
    const response = await fetch(issued.target.url, {
      method: issued.target.method,
      headers,
      body: Buffer.from(bytes),
    });
    await response.arrayBuffer();
    return response.status;
  }
  const confirm = (owner: { id: string }, id: string) => confirmUpload(owner, id, { db, store, env: {} });
  const stored = async (issued: IssuedTarget) => (await store.stat(issued.pending.path)) !== null;
  const rows = async (id: string) => {
    const [row] = await db.query<{ pending: number; uploads: number }>(
      'select (select count(*)::int from hearth.pending_uploads where id = $1) as pending, (select count(*)::int from hearth.uploads where id = $1) as uploads',
      [id],
    );
    return row;
  };

  it('takes a good image: the target, the bytes sent there, then the confirmation records it', async () => {
    const bytes = png(6, 4);
    const issued = await target(user, 'image/png', bytes.length, 'sunset.png');
    expect(issued.pending).toMatchObject({
      kind: 'image',
      mediaType: 'image/png',
      sizeBytes: bytes.length,
      filename: 'sunset.png',
    });
    expect(issued.pending.path).toBe(`${user.id}/${issued.pending.id}.png`);
    expect(issued.target.headers).toEqual({ 'content-type': 'image/png' });
    if (driver === 'local') {
      expect(issued.target).toMatchObject({
        method: 'PUT',
        url: `${ORIGIN}/api/v1/uploads/${issued.pending.id}/content`,
        sendCredentials: true,
      });
    } else {
      expect(issued.target).toMatchObject({ method: 'PUT', sendCredentials: false });
      expect(issued.target.url).toMatch(
        new RegExp(`^${storage!.url}/storage/v1/object/upload/sign/media/${issued.pending.path}\\?token=`),
      );
    }
    expect(issued.expiresAt.getTime() - issued.pending.createdAt.getTime()).toBe(2 * 60 * 60 * 1000);
    expect(await rows(issued.pending.id)).toEqual({ pending: 1, uploads: 0 });

    expect(await send(user, issued, bytes)).toBe(driver === 'local' ? 204 : 200);
    const { upload, created } = await confirm(user, issued.pending.id);
    expect(created).toBe(true);
    expect(upload).toMatchObject({
      id: issued.pending.id,
      userId: user.id,
      kind: 'image',
      mediaType: 'image/png',
      sizeBytes: bytes.length,
      width: 6,
      height: 4,
      filename: 'sunset.png',
      path: issued.pending.path,
    });
    expect(await rows(issued.pending.id)).toEqual({ pending: 0, uploads: 1 });
    expect(Buffer.from(await store.read(upload.path)).equals(Buffer.from(bytes))).toBe(true);

    // A retried confirmation answers the same upload.
    expect(await confirm(user, issued.pending.id)).toMatchObject({ created: false, upload: { id: upload.id } });
  });

  it('takes a voice note, transcribed (or saying why not) as a one-step upload is', async () => {
    const wav = wavFile(0.5);
    const issued = await target(user, 'audio/wav', wav.length, 'note.wav');
    expect(await send(user, issued, wav)).toBeLessThan(300);
    const { upload } = await confirm(user, issued.pending.id);
    expect(upload).toMatchObject({
      kind: 'audio',
      mediaType: 'audio/wav',
      transcript: null,
      transcriptError: NOT_TRANSCRIBED_HERE,
      width: null,
    });
  });

  it('refuses a web page sent as a PNG, deletes it and records nothing', async () => {
    const issued = await target(user, 'image/png', 300);
    expect(await send(user, issued, webPage())).toBeLessThan(300);
    expect(await stored(issued)).toBe(true);
    const error = await refusal(confirm(user, issued.pending.id));
    expect(error).toMatchObject({
      status: 400,
      param: 'file',
      message: expect.stringMatching(/not a supported type.*content, not its name/),
    });
    expect(await stored(issued)).toBe(false);
    expect(await rows(issued.pending.id)).toEqual({ pending: 0, uploads: 0 });
    expect((await refusal(confirm(user, issued.pending.id))).status).toBe(404);
  });

  it('refuses a decompression bomb (a PNG header claiming 20000 × 20000 pixels) and deletes it', async () => {
    const bytes = bomb();
    const issued = await target(user, 'image/png', bytes.length);
    expect(await send(user, issued, bytes)).toBeLessThan(300);
    const error = await refusal(confirm(user, issued.pending.id));
    expect(error).toMatchObject({
      status: 400,
      message: 'Images can be at most 8192 × 8192 pixels; this one is 20000 × 20000.',
    });
    expect(await stored(issued)).toBe(false);
    expect(await rows(issued.pending.id)).toEqual({ pending: 0, uploads: 0 });
  });

  it('refuses an object over the cap without reading it, whatever size was announced, and deletes it', async () => {
    const big = oversize();
    const issued = await target(user, 'image/png', 2048); // announced small, sent large
    if (driver === 'local') {
      // The app's route stops reading at the cap and keeps nothing...
      expect(await send(user, issued, big)).toBe(413);
      expect(await stored(issued)).toBe(false);
      // ...and bytes that reached the disk another way meet the same cap at the confirmation.
      await store.put(issued.pending.path, big, 'image/png');
    } else {
      expect(await send(user, issued, big)).toBe(200);
    }
    const reads = storage?.requests.filter(
      (r) => r.method === 'GET' && r.path === `/object/media/${issued.pending.path}`,
    ).length;
    const error = await refusal(confirm(user, issued.pending.id));
    expect(error).toMatchObject({ status: 413, message: 'Images can be at most 10 MB.' });
    if (storage)
      expect(
        storage.requests.filter((r) => r.method === 'GET' && r.path === `/object/media/${issued.pending.path}`).length,
      ).toBe(reads);
    expect(await stored(issued)).toBe(false);
    expect(await rows(issued.pending.id)).toEqual({ pending: 0, uploads: 0 });
  });

  it('refuses a file whose content is not the type announced', async () => {
    const bytes = png();
    const issued = await target(user, 'image/jpeg', bytes.length);
    expect(await send(user, issued, bytes)).toBeLessThan(300);
    const error = await refusal(confirm(user, issued.pending.id));
    expect(error).toMatchObject({
      status: 400,
      param: 'media_type',
      message: expect.stringMatching(/content is image\/png, not the image\/jpeg announced/),
    });
    expect(await stored(issued)).toBe(false);
  });

  it('refuses announcements over the cap or of the wrong kind before handing out a target', async () => {
    expect(await refusal(target(user, 'image/png', MAX_IMAGE_BYTES + 1))).toMatchObject({
      status: 413,
      message: 'Images can be at most 10 MB.',
    });
    const wrongKind = createUploadTarget(
      user,
      { kind: 'audio', mediaType: 'image/png', size: 10 },
      { db, store, origin: ORIGIN },
    );
    expect(await refusal(wrongKind)).toMatchObject({ status: 400, param: 'kind' });
    const [{ n }] = (await db.query<{ n: number }>(
      'select count(*)::int as n from hearth.pending_uploads where user_id = $1 and size_bytes > $2',
      [user.id, MAX_IMAGE_BYTES],
    )) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('says to send the file first when confirmed too early, and keeps the target usable', async () => {
    const bytes = png();
    const issued = await target(user, 'image/png', bytes.length);
    expect(await refusal(confirm(user, issued.pending.id))).toMatchObject({
      status: 409,
      message: expect.stringMatching(/Nothing has been uploaded yet/),
    });
    expect(await rows(issued.pending.id)).toEqual({ pending: 1, uploads: 0 });
    expect(await send(user, issued, bytes)).toBeLessThan(300);
    expect((await confirm(user, issued.pending.id)).created).toBe(true);
  });

  it("hides someone else's upload: 404 to send to, confirm or delete, and theirs stays intact", async () => {
    const bytes = png();
    const issued = await target(user, 'image/png', bytes.length);
    if (driver === 'local') {
      expect(await send(other, issued, bytes)).toBe(404);
      expect(await stored(issued)).toBe(false);
    }
    expect(await send(user, issued, bytes)).toBeLessThan(300);
    expect((await refusal(confirm(other, issued.pending.id))).status).toBe(404);
    expect((await refusal(deleteUnsentUpload(other, issued.pending.id, { db, store }))).status).toBe(404);
    expect(
      await withUser(
        other,
        (tx) => tx.query('select id from hearth.pending_uploads where id = $1', [issued.pending.id]),
        db,
      ),
    ).toEqual([]);
    await expect(
      withUser(
        other,
        (tx) =>
          tx.query(
            "insert into hearth.pending_uploads (id, kind, media_type, size_bytes, path) values ($1, 'image', 'image/png', 1, $2)",
            [crypto.randomUUID(), `${user.id}/${crypto.randomUUID()}.png`],
          ),
        db,
      ),
    ).rejects.toThrow(/row-level security|violates check constraint/);
    expect(await stored(issued)).toBe(true);
    expect((await confirm(user, issued.pending.id)).created).toBe(true);
    // Confirmed, it is still only its owner's.
    expect((await refusal(confirm(other, issued.pending.id))).status).toBe(404);
  });

  it('takes a cancelled upload back with whatever was stored for it', async () => {
    const bytes = png();
    const issued = await target(user, 'image/png', bytes.length);
    expect(await send(user, issued, bytes)).toBeLessThan(300);
    await deleteUnsentUpload(user, issued.pending.id, { db, store });
    expect(await stored(issued)).toBe(false);
    expect(await rows(issued.pending.id)).toEqual({ pending: 0, uploads: 0 });
  });

  if (driver === 'local') {
    it("the app's route takes the bytes once, and refuses an empty body", async () => {
      const bytes = png();
      const issued = await target(user, 'image/png', bytes.length);
      expect(await send(user, issued, new Uint8Array(0))).toBe(400);
      expect(await send(user, issued, bytes)).toBe(204);
      expect(await send(user, issued, png(9, 9))).toBe(409);
      expect((await confirm(user, issued.pending.id)).upload).toMatchObject({ width: 6, height: 4 });
    });
  } else {
    it('refuses bytes stored under another type than the target said, even when they are an image', async () => {
      const bytes = png();
      const issued = await target(user, 'image/png', bytes.length);
      expect(await send(user, issued, bytes, { 'content-type': 'text/html' })).toBe(200);
      const error = await refusal(confirm(user, issued.pending.id));
      expect(error).toMatchObject({
        status: 400,
        message: expect.stringMatching(/sent as text\/html, not image\/png/),
      });
      expect(await stored(issued)).toBe(false);
    });

    it("the app's own route does not take bytes meant for Storage", async () => {
      const issued = await target(user, 'image/png', 10);
      const request = new Request(`${ORIGIN}/api/v1/uploads/${issued.pending.id}/content`, {
        method: 'PUT',
        body: Buffer.from(png()),
      });
      expect(await refusal(receiveUploadBytes(user, issued.pending.id, request, { db, store }))).toMatchObject({
        status: 409,
      });
    });
  }

  it('deletes pending objects with the account', async () => {
    const owner = await createTestUser(db, 'leaving');
    const bytes = png();
    const issued = await target(owner, 'image/png', bytes.length);
    expect(await send(owner, issued, bytes)).toBeLessThan(300);
    await deleteAccount(owner, { db, store });
    expect(await stored(issued)).toBe(false);
  });
});
