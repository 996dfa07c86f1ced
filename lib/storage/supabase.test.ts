import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeStorage, type FakeStorage } from '@/lib/testing/fake-storage';
import { createClient } from '@supabase/supabase-js';
import { AUDIO_TYPES, IMAGE_TYPES, MAX_AUDIO_BYTES } from '@/lib/uploads/limits';
import { encodePng } from '@/lib/uploads/png';
import { localBlobStore } from './local';
import { supabaseBlobStore } from './supabase';

const USER = '7d3f1b9e-2c4a-4e8b-9f10-5a6b7c8d9e0f';
const objectPath = () => `${USER}/${crypto.randomUUID()}.png`;
const png = encodePng(3, 2, (x) => [x * 80, 10, 200, 255]);

describe('Supabase Storage driver against a loopback Storage API', () => {
  let storage: FakeStorage;
  beforeAll(async () => {
    storage = await startFakeStorage();
  });
  afterAll(() => storage.close());

  it('makes a private bucket on first use, uploads, downloads, signs and deletes', async () => {
    const store = supabaseBlobStore({ url: storage.url, serviceRoleKey: storage.key, bucket: 'hearth-media' });
    const p = objectPath();
    await store.put(p, png, 'image/png');
    // Storage's own limits are a first fence; the app's confirmation is the real check.
    expect(storage.buckets.get('hearth-media')).toEqual({
      public: false,
      fileSizeLimit: MAX_AUDIO_BYTES,
      allowedMimeTypes: [...IMAGE_TYPES, ...AUDIO_TYPES],
    });
    expect(storage.objects.get(`hearth-media/${p}`)?.contentType).toBe('image/png');
    expect(Buffer.from(await store.read(p)).equals(Buffer.from(png))).toBe(true);

    const signed = await store.signedUrl(p, 60);
    expect(signed).toMatch(new RegExp(`^${storage.url}/storage/v1/object/sign/hearth-media/${USER}/.+\\.png\\?token=`));
    const fetched = await fetch(signed!);
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(Buffer.from(png))).toBe(true);
    // The object itself is not reachable without the key: only through the signed URL.
    expect((await fetch(`${storage.url}/storage/v1/object/hearth-media/${p}`)).status).toBe(400);

    await store.delete([p]);
    expect(storage.objects.has(`hearth-media/${p}`)).toBe(false);
    expect((await fetch(signed!)).status).toBe(400);
  });

  it('never overwrites an object, and reports a wrong key as an error', async () => {
    const store = supabaseBlobStore({ url: storage.url, serviceRoleKey: storage.key, bucket: 'hearth-media' });
    const p = objectPath();
    await store.put(p, png, 'image/png');
    await expect(store.put(p, new Uint8Array([1, 2, 3]), 'image/png')).rejects.toThrow(
      /could not upload.*already exists/,
    );
    expect(storage.objects.get(`hearth-media/${p}`)?.bytes.length).toBe(png.length);

    const wrong = supabaseBlobStore({ url: storage.url, serviceRoleKey: 'not-the-key', bucket: 'hearth-media' });
    await expect(wrong.put(objectPath(), png, 'image/png')).rejects.toThrow();
  });

  it('refuses paths that do not start with a user id', async () => {
    const store = supabaseBlobStore({ url: storage.url, serviceRoleKey: storage.key, bucket: 'hearth-media' });
    await expect(store.put('../etc/passwd', png, 'image/png')).rejects.toThrow(/Not a valid object path/);
    await expect(store.read(`${USER}/../../x.png`)).rejects.toThrow(/Not a valid object path/);
    await expect(store.uploadTarget(`${USER}/x/../y.png`, 'image/png', 'http://x')).rejects.toThrow(
      /Not a valid object path/,
    );
  });

  it('hands out a signed upload URL that a browser PUTs the bytes to without a key; stat reads them back', async () => {
    const store = supabaseBlobStore({ url: storage.url, serviceRoleKey: storage.key, bucket: 'hearth-media' });
    const p = objectPath();
    expect(await store.stat(p)).toBeNull();
    const target = await store.uploadTarget(p, 'image/png', 'http://hearth.test/ignored');
    expect(target).toMatchObject({ method: 'PUT', headers: { 'content-type': 'image/png' }, sendCredentials: false });
    expect(target.url).toMatch(new RegExp(`^${storage.url}/storage/v1/object/upload/sign/hearth-media/${p}\\?token=`));

    // As a browser would: a plain request, the headers the target gave, no key.
    const sent = await fetch(target.url, {
      method: target.method,
      headers: target.headers,
      body: new Blob([Buffer.from(png)]),
    });
    expect(sent.status).toBe(200);
    expect(await sent.json()).toEqual({ Key: `hearth-media/${p}` });
    expect(storage.requests.at(-1)).toMatchObject({ method: 'PUT', authorized: false });
    expect(await store.stat(p)).toEqual({ size: png.length, contentType: 'image/png' });
    expect(Buffer.from(await store.read(p)).equals(Buffer.from(png))).toBe(true);

    // The URL made the object once; it cannot replace it with other bytes.
    const again = await fetch(target.url, { method: 'PUT', headers: target.headers, body: new Uint8Array([1, 2, 3]) });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ statusCode: '409', error: 'Duplicate' });
    expect(storage.objects.get(`hearth-media/${p}`)?.bytes.length).toBe(png.length);
  });

  it("accepts supabase-js's own uploadToSignedUrl (a multipart body), and answers the bucket's limits", async () => {
    const store = supabaseBlobStore({ url: storage.url, serviceRoleKey: storage.key, bucket: 'hearth-media' });
    const p = objectPath();
    const target = await store.uploadTarget(p, 'image/png', 'http://hearth.test/ignored');
    const browser = createClient(storage.url, 'anon-key-not-needed', { auth: { persistSession: false } });
    const token = new URL(target.url).searchParams.get('token')!;
    const { error } = await browser.storage
      .from('hearth-media')
      .uploadToSignedUrl(p, token, new Blob([Buffer.from(png)], { type: 'image/png' }));
    expect(error).toBeNull();
    expect(await store.stat(p)).toEqual({ size: png.length, contentType: 'image/png' });

    const html = await store.uploadTarget(objectPath(), 'image/png', 'http://hearth.test/ignored');
    const refused = await fetch(html.url, {
      method: 'PUT',
      headers: { 'content-type': 'text/html' },
      body: '<script>alert(1)</script>',
    });
    expect(refused.status).toBe(415);
    const huge = await store.uploadTarget(objectPath(), 'audio/wav', 'http://hearth.test/ignored');
    const tooBig = await fetch(huge.url, {
      method: 'PUT',
      headers: huge.headers,
      body: new Uint8Array(MAX_AUDIO_BYTES + 1),
    });
    expect(tooBig.status).toBe(413);
  });
});

describe('local disk driver', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'hearth-store-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('writes whole files under the user id, reads and deletes them, and leaves no temporary files', async () => {
    const store = localBlobStore(root);
    const p = objectPath();
    await store.put(p, png, 'image/png');
    expect(await readdir(path.join(root, USER))).toEqual([p.split('/')[1]]);
    expect(Buffer.from(await store.read(p)).equals(Buffer.from(png))).toBe(true);
    expect(await store.signedUrl(p, 60)).toBeNull();
    // Never replaced: an object once checked keeps its bytes.
    await expect(store.put(p, new Uint8Array([1, 2, 3]), 'image/png')).rejects.toThrow(/already exists/);
    expect(await store.stat(p)).toEqual({ size: png.length, contentType: null });
    expect(await readdir(path.join(root, USER))).toEqual([p.split('/')[1]]);
    await store.delete([p, objectPath()]);
    expect(await readdir(path.join(root, USER))).toEqual([]);
    expect(await store.stat(p)).toBeNull();
  });

  it("hands out the app's own route as the upload target, with the caller's credentials", async () => {
    const store = localBlobStore(root);
    const target = await store.uploadTarget(
      objectPath(),
      'audio/webm',
      'http://hearth.test/api/v1/uploads/abc/content',
    );
    expect(target).toEqual({
      method: 'PUT',
      url: 'http://hearth.test/api/v1/uploads/abc/content',
      headers: { 'content-type': 'audio/webm' },
      sendCredentials: true,
    });
  });
});
