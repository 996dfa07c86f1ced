import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '@/lib/db';
import type { BlobStore } from '@/lib/storage';
import { localBlobStore } from '@/lib/storage/local';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { inRequest } from '@/lib/testing/next-request';
import { sessionCookie } from '@/lib/testing/session-cookie';
import { encodePng } from '@/lib/uploads/png';
import * as uploads from './route';

vi.mock('next/headers', () => import('@/lib/testing/next-request').then((m) => m.nextHeaders));

/**
 * The finding as it was made: a guest, signed in with the session cookie, uploading file after
 * file through the route. Past the guest's quota the route answers 413 storage_quota, in the
 * error envelope, for the one-step upload and for an upload target alike.
 */
const SECRET = 'storage-quota-test-secret-0123456789abcdef';
const SITE = 'http://hearth.test';
const globals = globalThis as { __hearthDb?: Promise<Database>; hearthBlobStore?: BlobStore };
const side = 340;
const noise = randomBytes(side * side * 3);
const picture = encodePng(side, side, (x, y) => {
  const i = (y * side + x) * 3;
  return [noise[i]!, noise[i + 1]!, noise[i + 2]!, 255];
});

describe.each(TEST_DATABASES)('a guest past the storage quota, on $name', ({ open }) => {
  let db: Database;
  let root: string;
  let cookie: string;
  const previous = { db: globals.__hearthDb, store: globals.hearthBlobStore };

  beforeAll(async () => {
    db = await open();
    globals.__hearthDb = Promise.resolve(db);
    root = await mkdtemp(path.join(tmpdir(), 'hearth-quota-route-'));
    globals.hearthBlobStore = localBlobStore(root);
    const guest = await createTestUser(db, 'guest');
    await db.query('update hearth.users set is_guest = true where id = $1', [guest.id]);
    cookie = await sessionCookie(db, guest, SECRET, { isGuest: true });
  });
  beforeEach(() => {
    vi.stubEnv('NEXTAUTH_SECRET', SECRET);
    vi.stubEnv('RATE_LIMIT_REQUESTS_PER_MINUTE', '0');
    vi.stubEnv('RATE_LIMIT_REQUESTS_PER_MINUTE_PER_IP', '0');
    vi.stubEnv('STORAGE_QUOTA_MB_GUEST', '1');
  });
  afterAll(async () => {
    globals.__hearthDb = previous.db;
    globals.hearthBlobStore = previous.store;
    vi.unstubAllEnvs();
    await db.close();
    await rm(root, { recursive: true, force: true });
  });

  const post = async (body: BodyInit, contentType?: string) => {
    const headers: Record<string, string> = { host: 'hearth.test', origin: SITE, cookie };
    if (contentType) headers['content-type'] = contentType;
    const request = new Request(`${SITE}/api/v1/uploads`, { method: 'POST', headers, body });
    const response = await inRequest(request, () => uploads.POST(request, { params: Promise.resolve({}) }));
    return {
      status: response.status,
      body: (await response.json()) as { error?: { type: string; code?: string; message: string } },
    };
  };
  const multipart = () => {
    const form = new FormData();
    form.set('file', new File([Buffer.from(picture)], 'noise.png', { type: 'image/png' }));
    return form;
  };

  it('takes two pictures, then answers 413 storage_quota saying how much is used of how much', async () => {
    expect((await post(multipart())).status).toBe(201);
    expect((await post(multipart())).status).toBe(201);
    const third = await post(multipart());
    expect(third.status).toBe(413);
    expect(third.body.error).toMatchObject({ type: 'payload_too_large', code: 'storage_quota' });
    expect(third.body.error!.message).toMatch(
      /^Your storage is full: you are using 0\.\d+ MB of 1 MB, and this file needs 0\.\d+ MB\./,
    );

    const target = await post(
      JSON.stringify({ kind: 'image', media_type: 'image/png', size: picture.byteLength, filename: 'n.png' }),
      'application/json',
    );
    expect(target.status).toBe(413);
    expect(target.body.error?.code).toBe('storage_quota');
  });
});
