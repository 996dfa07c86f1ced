import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeStorage, type FakeStorage } from '@/lib/testing/fake-storage';
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
    expect(storage.buckets.get('hearth-media')).toEqual({ public: false });
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
    await expect(store.put(p, new Uint8Array([1, 2, 3]), 'image/png')).rejects.toThrow(/could not upload.*already exists/);
    expect(storage.objects.get(`hearth-media/${p}`)?.bytes.length).toBe(png.length);

    const wrong = supabaseBlobStore({ url: storage.url, serviceRoleKey: 'not-the-key', bucket: 'hearth-media' });
    await expect(wrong.put(objectPath(), png, 'image/png')).rejects.toThrow();
  });

  it('refuses paths that do not start with a user id', async () => {
    const store = supabaseBlobStore({ url: storage.url, serviceRoleKey: storage.key, bucket: 'hearth-media' });
    await expect(store.put('../etc/passwd', png, 'image/png')).rejects.toThrow(/Not a valid object path/);
    await expect(store.read(`${USER}/../../x.png`)).rejects.toThrow(/Not a valid object path/);
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
    await expect(store.put(p, png, 'image/png')).resolves.toBeUndefined();
    await store.delete([p, objectPath()]);
    expect(await readdir(path.join(root, USER))).toEqual([]);
  });
});
