import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiKey } from '@/lib/api-keys/keys';
import { insertMessage } from '@/lib/conversations/messages';
import { startConversation } from '@/lib/conversations/service';
import { openDatabase, type Database } from '@/lib/db';
import { withUser } from '@/lib/db/scope';
import { insertMemory } from '@/lib/memory/queries';
import { overridePersona, updatePersona } from '@/lib/profile/persona';
import type { BlobStore } from '@/lib/storage';
import { localBlobStore } from '@/lib/storage/local';
import { createTestUser } from '@/lib/testing/databases';
import { encodePng } from '@/lib/uploads/png';
import { storeUpload } from '@/lib/uploads/service';
import * as exportRoute from './conversations/[id]/export/route';
import * as shareRoute from './shares/[id]/route';
import * as sharesRoute from './shares/route';
import * as accountExportRoute from './users/me/export/route';

/** Exporting and sharing through the real route handlers, as an API client with a key does. */
const globals = globalThis as { __hearthDb?: Promise<Database>; hearthBlobStore?: BlobStore };
const SITE = 'http://hearth.test';
const params = (id: string) => ({ params: Promise.resolve({ id }) });

describe('export and shared links through the REST API', () => {
  let db: Database;
  let root: string;
  let user: { id: string };
  let key: string;
  let strangerKey: string;
  let conversationId: string;
  const png = encodePng(4, 2, (x) => [x * 60, 120, 200, 255]);
  const previous = { db: globals.__hearthDb, store: globals.hearthBlobStore };

  beforeAll(async () => {
    vi.stubEnv('RATE_LIMIT_REQUESTS_PER_MINUTE', '0');
    vi.stubEnv('RATE_LIMIT_REQUESTS_PER_MINUTE_PER_IP', '0');
    db = await openDatabase({ memory: true });
    globals.__hearthDb = Promise.resolve(db);
    root = await mkdtemp(path.join(tmpdir(), 'hearth-export-'));
    globals.hearthBlobStore = localBlobStore(root);
    user = await createTestUser(db, 'Exporter');
    key = (await createApiKey(user, 'export', db)).key;
    strangerKey = (await createApiKey(await createTestUser(db, 'stranger'), 'export', db)).key;
    const conversation = await startConversation(user, { companion: 'marcus', title: 'Stoic morning' }, db);
    conversationId = conversation.id;
    await withUser(
      user,
      async (tx) => {
        await insertMessage(tx, { conversationId, role: 'user', text: 'How do I start the day?', status: 'complete' });
        await insertMessage(tx, { conversationId, role: 'assistant', text: 'With *intention*.', status: 'complete' });
        await insertMemory(
          tx,
          {
            kind: 'fact',
            subject: 'home_city',
            content: 'Lives in Utrecht.',
            importance: 4,
            eventDate: null,
            general: false,
          },
          { companionId: conversation.companion.id, messageId: null, conversationId },
        );
      },
      db,
    );
    await storeUpload(
      user,
      { kind: 'image', source: 'upload', mediaType: 'image/png', bytes: png, width: 4, height: 2, filename: 'sky.png' },
      globals.hearthBlobStore,
      db,
    );
  });
  afterAll(async () => {
    globals.__hearthDb = previous.db;
    globals.hearthBlobStore = previous.store;
    vi.unstubAllEnvs();
    await Promise.all([db?.close(), rm(root, { recursive: true, force: true })]);
  });

  const get = (url: string, bearer = key) =>
    new Request(`${SITE}${url}`, { headers: { host: 'hearth.test', authorization: `Bearer ${bearer}` } });

  it('downloads a conversation as Markdown and as JSON, named after it', async () => {
    const md = await exportRoute.GET(
      get(`/api/v1/conversations/${conversationId}/export?format=md`),
      params(conversationId),
    );
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-disposition')).toMatch(
      /^attachment; filename="stoic-morning-\d{4}-\d{2}-\d{2}\.md"$/,
    );
    const text = await md.text();
    expect(text).toMatch(/^# Stoic morning\n/);
    expect(text).toContain('### You\n');
    expect(text).toContain('How do I start the day?');

    const json = await exportRoute.GET(
      get(`/api/v1/conversations/${conversationId}/export?format=json`),
      params(conversationId),
    );
    expect(json.headers.get('content-disposition')).toMatch(/filename="stoic-morning-.*\.json"$/);
    const body = (await json.json()) as { conversation: { id: string }; messages: { content: string }[] };
    expect(body.conversation.id).toBe(conversationId);
    expect(body.messages.map((m) => m.content).slice(1)).toEqual(['How do I start the day?', 'With *intention*.']);
  });

  it("answers 404 for someone else's conversation and 400 for an unknown format", async () => {
    const stranger = await exportRoute.GET(
      get(`/api/v1/conversations/${conversationId}/export?format=md`, strangerKey),
      params(conversationId),
    );
    expect(stranger.status).toBe(404);
    expect(await stranger.json()).toMatchObject({ error: { type: 'not_found_error' } });
    const bad = await exportRoute.GET(
      get(`/api/v1/conversations/${conversationId}/export?format=pdf`),
      params(conversationId),
    );
    expect(bad.status).toBe(400);
  });

  it('creates, lists and turns off a link; a stranger can do none of it', async () => {
    const post = (bearer: string) =>
      sharesRoute.POST(
        new Request(`${SITE}/api/v1/shares`, {
          method: 'POST',
          headers: { host: 'hearth.test', authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
          body: JSON.stringify({ conversation: conversationId }),
        }),
        { params: Promise.resolve({}) },
      );
    expect((await post(strangerKey)).status).toBe(404);
    const created = await post(key);
    expect(created.status).toBe(201);
    const link = (await created.json()) as { id: string; url: string; message_count: number; shows_name: boolean };
    expect(link.url).toMatch(/^http:\/\/hearth\.test\/share\/[A-Za-z0-9_-]{43}$/);
    expect(link).toMatchObject({ message_count: 3, shows_name: false });

    const list = async (bearer: string) =>
      (
        (await (
          await sharesRoute.GET(get(`/api/v1/shares?conversation=${conversationId}`, bearer), {
            params: Promise.resolve({}),
          })
        ).json()) as { data: { id: string }[] }
      ).data;
    expect((await list(key)).map((l) => l.id)).toEqual([link.id]);
    expect(await list(strangerKey)).toEqual([]);

    const remove = (bearer: string) =>
      shareRoute.DELETE(
        new Request(`${SITE}/api/v1/shares/${link.id}`, {
          method: 'DELETE',
          headers: { host: 'hearth.test', authorization: `Bearer ${bearer}` },
        }),
        params(link.id),
      );
    expect((await remove(strangerKey)).status).toBe(404);
    expect((await remove(key)).status).toBe(204);
    expect(await list(key)).toEqual([]);
  });

  it('downloads all the account’s data as a zip: account, conversations, memories, persona and files', async () => {
    await updatePersona(user, { name: 'Ex', about: 'Early riser.' }, db);
    await overridePersona(user, 'marcus', { pronouns: 'he/him' }, db);
    const response = await accountExportRoute.GET(get('/api/v1/users/me/export'), { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="hearth-export-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const names = Object.keys(files);
    const base = `conversations/stoic-morning-${new Date().toISOString().slice(0, 10)}-${conversationId.slice(0, 8)}`;
    expect(names).toEqual(
      expect.arrayContaining([
        'README.txt',
        'account.json',
        `${base}.md`,
        `${base}.json`,
        'memories.json',
        'persona.json',
        'shared-links.json',
        'uploads.json',
      ]),
    );
    expect(JSON.parse(strFromU8(files['persona.json']!))).toEqual({
      usual: { name: 'Ex', pronouns: null, about: 'Early riser.' },
      companions: [{ companion: 'Marcus', name: null, pronouns: 'he/him', about: null }],
    });
    const read = (name: string) => strFromU8(files[name]!);
    expect(JSON.parse(read('account.json'))).toMatchObject({
      id: user.id,
      name: 'Exporter',
      email: expect.stringContaining('@'),
    });
    expect(read(`${base}.md`)).toContain('How do I start the day?');
    expect(JSON.parse(read(`${base}.json`))).toMatchObject({ conversation: { id: conversationId } });
    expect(JSON.parse(read('memories.json'))).toEqual([
      expect.objectContaining({ content: 'Lives in Utrecht.', companion: 'Marcus' }),
    ]);
    const [upload] = JSON.parse(read('uploads.json')) as { file: string; filename: string; media_type: string }[];
    expect(upload).toMatchObject({
      filename: 'sky.png',
      media_type: 'image/png',
      file: expect.stringMatching(/^uploads\/.+\.png$/),
    });
    expect(files[upload!.file]).toEqual(png);
  });

  it("puts nobody else's data in a stranger's zip", async () => {
    const response = await accountExportRoute.GET(get('/api/v1/users/me/export', strangerKey), {
      params: Promise.resolve({}),
    });
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(files).filter((n) => n.startsWith('conversations/') || n.startsWith('uploads/'))).toEqual([]);
    expect(JSON.parse(strFromU8(files['memories.json']!))).toEqual([]);
    expect(JSON.parse(strFromU8(files['persona.json']!))).toEqual({ usual: null, companions: [] });
  });
});
