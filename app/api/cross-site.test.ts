import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as chatRoute from '@/app/api/chat/route';
import * as personaRoute from '@/app/api/admin/personas/route';
import * as conversationsRoute from '@/app/api/v1/conversations/route';
import * as uploadsRoute from '@/app/api/v1/uploads/route';
import { createApiKey } from '@/lib/api-keys/keys';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import { startConversation } from '@/lib/conversations/service';
import type { Database } from '@/lib/db';
import type { BlobStore } from '@/lib/storage';
import { localBlobStore } from '@/lib/storage/local';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { inRequest } from '@/lib/testing/next-request';
import { sessionCookie } from '@/lib/testing/session-cookie';
import { encodePng } from '@/lib/uploads/png';
import { stubNoLimitsAndInstantReplies } from '@/lib/testing/unlimited';

vi.mock('next/headers', () => import('@/lib/testing/next-request').then((m) => m.nextHeaders));

/**
 * The attack as it was made: a page on another port of the same host (same-site, so the browser
 * sends the session cookie along) posts `text/plain` JSON to the REST API and the web chat. The
 * real route handlers, with a real session token, on both databases.
 */
const SECRET = 'cross-site-test-secret-0123456789abcdef';
const SITE = 'http://hearth.test';
const OTHER_PORT = 'http://hearth.test:8081';
const globals = globalThis as { __hearthDb?: Promise<Database>; hearthBlobStore?: BlobStore };
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

describe.each(TEST_DATABASES)('cookie writes from another origin, on $name', ({ open }) => {
  let db: Database;
  let root: string;
  let victim: { id: string };
  let cookie: string;
  let key: string;
  const previous = { db: globals.__hearthDb, store: globals.hearthBlobStore };

  beforeAll(async () => {
    db = await open();
    globals.__hearthDb = Promise.resolve(db);
    root = await mkdtemp(path.join(tmpdir(), 'hearth-cross-site-'));
    globals.hearthBlobStore = localBlobStore(root);
    victim = await createTestUser(db, 'victim');
    vi.stubEnv('NEXTAUTH_SECRET', SECRET);
    cookie = await sessionCookie(db, victim, SECRET);
    key = (await createApiKey(victim, 'script', db)).key;
  });
  beforeEach(() => {
    vi.stubEnv('NEXTAUTH_SECRET', SECRET);
    vi.stubEnv('ALLOWED_ORIGINS', 'https://allowed.example');
    stubNoLimitsAndInstantReplies();
  });
  afterAll(async () => {
    await afterRepliesSettled();
    globals.__hearthDb = previous.db;
    globals.hearthBlobStore = previous.store;
    vi.unstubAllEnvs();
    await db.close();
    await rm(root, { recursive: true, force: true });
  });

  const rows = async (table: string) =>
    (
      await db.query<{ n: number }>(`select count(*)::int as n from hearth.${table} where user_id = $1`, [victim.id])
    )[0]!.n;
  const send = async (
    handler: Handler,
    url: string,
    init: { headers?: Record<string, string>; body?: BodyInit; method?: string },
  ) => {
    const request = new Request(`${SITE}${url}`, {
      method: init.method ?? 'POST',
      headers: { host: 'hearth.test', ...init.headers },
      body: init.body,
    });
    const response = await inRequest(request, () => handler(request, { params: Promise.resolve({}) }));
    return { status: response.status, body: await response.text(), headers: response.headers };
  };
  const startConversationWith = (headers: Record<string, string>, body = JSON.stringify({ companion: 'marcus' })) =>
    send(conversationsRoute.POST as Handler, '/api/v1/conversations', { headers: { cookie, ...headers }, body });

  it("refuses the attack's request (text/plain JSON from another port) and writes nothing", async () => {
    const before = await rows('conversations');
    const attack = await startConversationWith({
      origin: OTHER_PORT,
      'content-type': 'text/plain;charset=UTF-8',
      'sec-fetch-site': 'same-site',
    });
    expect(attack.status, attack.body).toBe(403);
    expect(JSON.parse(attack.body).error).toMatchObject({ type: 'permission_error', code: 'cross_site_request' });
    expect(await rows('conversations')).toBe(before);
  });

  it.each([
    ['another port, even with JSON', { origin: OTHER_PORT, 'content-type': 'application/json' }, 403],
    ['another site', { origin: 'https://evil.example', 'content-type': 'application/json' }, 403],
    ['Origin: null (a sandboxed frame)', { origin: 'null', 'content-type': 'application/json' }, 403],
    ['a malformed Origin', { origin: 'http://', 'content-type': 'application/json' }, 403],
    [
      'no Origin, but Sec-Fetch-Site says same-site',
      { 'sec-fetch-site': 'same-site', 'content-type': 'application/json' },
      403,
    ],
    ['this origin, but text/plain', { origin: SITE, 'content-type': 'text/plain' }, 415],
    ['this origin, but a form', { origin: SITE, 'content-type': 'application/x-www-form-urlencoded' }, 415],
    ['this origin, with no content type', { origin: SITE }, 415],
  ])('refuses a cookie write from %s, writing nothing', async (_case, headers, status) => {
    const before = await rows('conversations');
    const body = JSON.stringify({ companion: 'marcus' });
    // As it arrives over the wire: with its length (a Request object adds it only when sent).
    const refused = await send(conversationsRoute.POST as Handler, '/api/v1/conversations', {
      headers: { cookie, 'content-length': String(Buffer.byteLength(body)), ...headers },
      body: new Blob([body]),
    });
    expect(refused.status, refused.body).toBe(status);
    expect(JSON.parse(refused.body).error.message.length).toBeGreaterThan(0);
    expect(await rows('conversations')).toBe(before);
  });

  it("accepts this site's own pages, a non-browser client with the cookie, and bearer keys from anywhere", async () => {
    expect(
      (
        await startConversationWith({
          origin: SITE,
          'content-type': 'application/json',
          'sec-fetch-site': 'same-origin',
        })
      ).status,
    ).toBe(201);
    expect(
      (await startConversationWith({ 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' })).status,
    ).toBe(201);
    // Behind a proxy: the Origin is the public host the proxy forwards.
    expect(
      (
        await startConversationWith({
          origin: 'https://chat.example.org',
          'x-forwarded-host': 'chat.example.org',
          'content-type': 'application/json',
        })
      ).status,
    ).toBe(201);
    expect((await startConversationWith({ 'content-type': 'application/json' })).status).toBe(201);
    // A key is sent on purpose, whatever page holds it: ALLOWED_ORIGINS still works, and so does curl's default form type.
    const keyed = await send(conversationsRoute.POST as Handler, '/api/v1/conversations', {
      headers: {
        authorization: `Bearer ${key}`,
        origin: 'https://allowed.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: JSON.stringify({ companion: 'marcus' }),
    });
    expect(keyed.status, keyed.body).toBe(201);
    expect(keyed.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
  });

  it('lets reads through from anywhere (the browser keeps cross-origin answers from the page)', async () => {
    const listed = await send(conversationsRoute.GET as Handler, '/api/v1/conversations', {
      method: 'GET',
      headers: { cookie, origin: OTHER_PORT },
    });
    expect(listed.status).toBe(200);
  });

  it('takes a multipart upload from this site, and refuses one from another port', async () => {
    const form = () => {
      const data = new FormData();
      data.set(
        'file',
        new Blob([Buffer.from(encodePng(4, 4, () => [200, 100, 50, 255]))], { type: 'image/png' }),
        'dot.png',
      );
      return data;
    };
    const upload = (origin: string) => {
      const request = new Request(`${SITE}/api/v1/uploads`, {
        method: 'POST',
        headers: { host: 'hearth.test', cookie, origin },
        body: form(),
      });
      return inRequest(request, () => (uploadsRoute.POST as Handler)(request, { params: Promise.resolve({}) }));
    };
    const before = await rows('uploads');
    expect((await upload(OTHER_PORT)).status).toBe(403);
    expect(await rows('uploads')).toBe(before);
    const kept = await upload(SITE);
    expect(kept.status, await kept.clone().text()).toBe(201);
    expect(await rows('uploads')).toBe(before + 1);
  });

  it('refuses a web chat turn posted from another port before anything is said or answered', async () => {
    const conversationId = (await startConversation(victim, { companion: 'marcus' }, db)).id;
    const before = await rows('messages');
    const attack = await send(chatRoute.POST as Handler, '/api/chat', {
      headers: { cookie, origin: OTHER_PORT, 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ action: 'send', conversationId, text: 'Say something you would regret' }),
    });
    expect(attack.status).toBe(403);
    await afterRepliesSettled();
    expect(await rows('messages')).toBe(before);
  });

  it('refuses an admin write with Origin: null as a 403, not a 500, before reading the session', async () => {
    const refused = await send(personaRoute.POST as Handler, '/api/admin/personas', {
      headers: { cookie, origin: 'null', 'content-type': 'application/json' },
      body: JSON.stringify({ fields: {}, baseVersion: null }),
    });
    expect(refused.status, refused.body).toBe(403);
    expect(JSON.parse(refused.body).error.code).toBe('cross_site_request');
  });
});
