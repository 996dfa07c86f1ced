import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiKey } from '@/lib/api-keys/keys';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import { startConversation } from '@/lib/conversations/service';
import { openDatabase, type Database } from '@/lib/db';
import type { BlobStore } from '@/lib/storage';
import { localBlobStore } from '@/lib/storage/local';
import { supabaseBlobStore } from '@/lib/storage/supabase';
import { createTestUser } from '@/lib/testing/databases';
import { startFakeStorage, type FakeStorage } from '@/lib/testing/fake-storage';
import { encodePng } from '@/lib/uploads/png';
import * as messages from '../conversations/[id]/messages/route';
import * as confirmRoute from './[id]/confirm/route';
import * as contentRoute from './[id]/content/route';
import * as uploads from './route';

/**
 * The two-step upload through the real route handlers, as an API client does it with a key: ask
 * for a target, send the bytes where it says, confirm, attach. Once per storage driver.
 */
type Target = {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  send_credentials: boolean;
  expires_at: string;
  confirm_url: string;
};

const globals = globalThis as { __hearthDb?: Promise<Database>; hearthBlobStore?: BlobStore };
const png = encodePng(5, 3, (x) => [x * 50, 90, 160, 255]);
const params = (id: string) => ({ params: Promise.resolve({ id }) });

describe.each(['local', 'supabase'] as const)('the upload routes with %s storage', (driver) => {
  let db: Database;
  let storage: FakeStorage | undefined;
  let root: string | undefined;
  let key: string;
  let otherKey: string;
  let conversationId: string;
  const previous = { db: globals.__hearthDb, store: globals.hearthBlobStore };

  beforeAll(async () => {
    vi.stubEnv('RATE_LIMIT_REQUESTS_PER_MINUTE', '0');
    vi.stubEnv('RATE_LIMIT_REQUESTS_PER_MINUTE_PER_IP', '0');
    db = await openDatabase({ memory: true });
    globals.__hearthDb = Promise.resolve(db);
    if (driver === 'supabase') {
      storage = await startFakeStorage();
      globals.hearthBlobStore = supabaseBlobStore({
        url: storage.url,
        serviceRoleKey: storage.key,
        bucket: 'hearth-media',
      });
    } else {
      root = await mkdtemp(path.join(tmpdir(), 'hearth-routes-'));
      globals.hearthBlobStore = localBlobStore(root);
    }
    const user = await createTestUser(db, 'routes');
    key = (await createApiKey(user, 'uploads', db)).key;
    otherKey = (await createApiKey(await createTestUser(db, 'stranger'), 'uploads', db)).key;
    conversationId = (await startConversation(user, { companion: 'ada' }, db)).id;
  });
  afterAll(async () => {
    await afterRepliesSettled();
    globals.__hearthDb = previous.db;
    globals.hearthBlobStore = previous.store;
    vi.unstubAllEnvs();
    await Promise.all([db?.close(), storage?.close(), root && rm(root, { recursive: true, force: true })]);
  });

  const auth = (bearer = key) => ({ authorization: `Bearer ${bearer}` });
  async function askTarget(body: unknown): Promise<Response> {
    return uploads.POST(
      new Request('http://hearth.test/api/v1/uploads', {
        method: 'POST',
        headers: { ...auth(), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
      params(''),
    );
  }
  /** Sends the bytes as the target says: with the caller's key only when it asks for credentials. */
  async function sendBytes(target: Target, bytes: Uint8Array): Promise<Response> {
    if (target.send_credentials) {
      expect(new URL(target.url).pathname).toBe(`/api/v1/uploads/${target.id}/content`);
      return contentRoute.PUT(
        new Request(target.url, {
          method: target.method,
          headers: { ...target.headers, ...auth() },
          body: Buffer.from(bytes),
        }),
        params(target.id),
      );
    }
    return fetch(target.url, { method: target.method, headers: target.headers, body: Buffer.from(bytes) });
  }
  const confirm = (id: string, bearer = key) =>
    confirmRoute.POST(
      new Request(`http://hearth.test/api/v1/uploads/${id}/confirm`, { method: 'POST', headers: auth(bearer) }),
      params(id),
    );

  it('asks for a target, sends the bytes there, confirms, and attaches the upload to a message', async () => {
    const asked = await askTarget({ kind: 'image', media_type: 'image/png', size: png.length, filename: 'view.png' });
    expect(asked.status).toBe(201);
    const target = (await asked.json()) as Target;
    expect(target).toMatchObject({
      method: 'PUT',
      headers: { 'content-type': 'image/png' },
      send_credentials: driver === 'local',
      confirm_url: `/api/v1/uploads/${target.id}/confirm`,
    });
    expect(Date.parse(target.expires_at)).toBeGreaterThan(Date.now() + 60 * 60 * 1000);
    if (driver === 'supabase')
      expect(target.url.startsWith(`${storage!.url}/storage/v1/object/upload/sign/`)).toBe(true);

    expect((await sendBytes(target, png)).ok).toBe(true);
    const confirmed = await confirm(target.id);
    expect(confirmed.status).toBe(201);
    const upload = (await confirmed.json()) as { id: string; url: string; width: number; filename: string };
    expect(upload).toMatchObject({
      id: target.id,
      kind: 'image',
      media_type: 'image/png',
      size: png.length,
      width: 5,
      height: 3,
      filename: 'view.png',
    });
    expect(upload.url).toMatch(
      driver === 'local' ? `http://hearth.test/api/v1/uploads/${target.id}/content` : /\/object\/sign\/hearth-media\//,
    );
    expect((await confirm(target.id)).status).toBe(200);

    const sent = await messages.POST(
      new Request(`http://hearth.test/api/v1/conversations/${conversationId}/messages`, {
        method: 'POST',
        headers: { ...auth(), 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'My view', attachments: [target.id], reply: false }),
      }),
      params(conversationId),
    );
    expect(sent.status).toBe(201);
  });

  it("answers refusals with the error envelope: a fake PNG, an announcement over the cap, someone else's id", async () => {
    const target = (await (await askTarget({ kind: 'image', media_type: 'image/png', size: 200 })).json()) as Target;
    expect(
      (await sendBytes(target, new TextEncoder().encode('<html><script>alert(1)</script></html>'.padEnd(200)))).ok,
    ).toBe(true);
    const stranger = await confirm(target.id, otherKey);
    expect(stranger.status).toBe(404);
    expect(await stranger.json()).toMatchObject({ error: { type: 'not_found_error' } });
    const refused = await confirm(target.id);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: { type: 'invalid_request_error', param: 'file', message: expect.stringMatching(/not a supported type/) },
    });

    const huge = await askTarget({ kind: 'audio', media_type: 'audio/webm', size: 26 * 1024 * 1024 });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({
      error: { type: 'payload_too_large', message: 'Audio files can be at most 25 MB.' },
    });
    const unknown = await askTarget({ kind: 'image', media_type: 'image/svg+xml', size: 10 });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { param: 'media_type' } });
  });

  it('still takes a multipart upload in one request', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(png)], { type: 'image/png' }), 'direct.png');
    const response = await uploads.POST(
      new Request('http://hearth.test/api/v1/uploads', { method: 'POST', headers: auth(), body: form }),
      params(''),
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ kind: 'image', width: 5, filename: 'direct.png' });
  });
});
