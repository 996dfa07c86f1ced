import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import { startConversation } from '@/lib/conversations/service';
import type { Database } from '@/lib/db';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { inRequest } from '@/lib/testing/next-request';
import { sessionCookie } from '@/lib/testing/session-cookie';
import type { Operation } from '@/lib/api/openapi/document-types';
import { openApiDocument } from '@/lib/api/openapi/document';
import { stubNoLimitsAndInstantReplies } from '@/lib/testing/unlimited';

vi.mock('next/headers', () => import('@/lib/testing/next-request').then((m) => m.nextHeaders));

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES = import.meta.glob<Record<string, Handler>>('/app/api/v1/**/route.ts');
const SITE = 'http://hearth.test';
const SECRET = 'api-fuzz-secret-0123456789abcdef';

/**
 * Not random: U+0000 and another control character in every string field of every documented
 * body, every query parameter and every path parameter, through the real handlers on both
 * databases (PostgreSQL refuses U+0000 in text, so each of these was a 500 where nothing caught it).
 */
describe.each(TEST_DATABASES)('control characters in every field of the public API, on $name', ({ open }) => {
  let db: Database;
  let cookie: string;
  let conversationId: string;
  const globals = globalThis as { __hearthDb?: Promise<Database> };
  const previous = globals.__hearthDb;

  beforeAll(async () => {
    vi.stubEnv('NEXTAUTH_SECRET', SECRET);
    stubNoLimitsAndInstantReplies();
    db = await open();
    globals.__hearthDb = Promise.resolve(db);
    const user = await createTestUser(db, 'nul');
    cookie = await sessionCookie(db, user, SECRET);
    conversationId = (await startConversation(user, { companion: 'marcus' }, db)).id;
  });
  afterAll(async () => {
    await afterRepliesSettled();
    globals.__hearthDb = previous;
    vi.unstubAllEnvs();
    await db?.close();
  });

  type Case = {
    name: string;
    path: string;
    method: string;
    params: Record<string, string>;
    query: Record<string, string>;
    body?: unknown;
    param: string;
  };
  const cases: Case[] = Object.entries(openApiDocument().paths).flatMap(([path, methods]) =>
    Object.entries(methods).flatMap(([method, op]) => {
      const operation = op as Operation;
      const declared = operation.parameters ?? [];
      const params = Object.fromEntries(
        declared
          .filter((p) => p.in === 'path')
          .map((p) => [p.name, p.name === 'companion' ? 'marcus' : conversationIdOf()]),
      );
      const example = operation.requestBody?.content['application/json']?.example as
        Record<string, unknown> | undefined;
      const base = { path, method: method.toUpperCase(), params, query: {} };
      const out: Case[] = [];
      for (const control of ['\u0000', '\u001b']) {
        const label = control === '\u0000' ? 'U+0000' : 'U+001B';
        // A password may hold any character: it is hashed, never stored or shown.
        for (const [field, value] of Object.entries(example ?? {})) {
          if (typeof value === 'string' && field !== 'password')
            out.push({
              ...base,
              name: `${method.toUpperCase()} ${path} body ${field} with ${label}`,
              body: { ...example, [field]: `${value}${control}x` },
              param: field,
            });
        }
        for (const p of declared.filter((p) => p.in === 'query')) {
          out.push({
            ...base,
            name: `${method.toUpperCase()} ${path} ?${p.name} with ${label}`,
            body: example,
            query: { [p.name]: `a${control}b` },
            param: p.name,
          });
        }
        for (const p of declared.filter((p) => p.in === 'path')) {
          out.push({
            ...base,
            name: `${method.toUpperCase()} ${path} {${p.name}} with ${label}`,
            body: example,
            params: { ...params, [p.name]: `a${control}b` },
            param: p.name,
          });
        }
      }
      return out;
    }),
  );
  // Path ids are filled in once the conversation exists.
  function conversationIdOf(): string {
    return '{conversation}';
  }

  it.each(cases)('$name is a 400 or 404, never a 500', async ({ path, method, params, query, body, param }) => {
    const filled = Object.fromEntries(
      Object.entries(params).map(([name, value]) => [name, value === '{conversation}' ? conversationId : value]),
    );
    const handler = (
      await ROUTES[`/app/api/v1${path.replace('/api/v1', '').replace(/\{(\w+)\}/g, '[$1]')}/route.ts`]!()
    )[method]!;
    const url = new URL(`${SITE}${path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(filled[name]!))}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const text = body === undefined ? undefined : JSON.stringify(body);
    // The browser session on this site's page: it may do everything a key may, and mint keys too.
    const request = new Request(url, {
      method,
      headers: {
        host: 'hearth.test',
        cookie,
        origin: SITE,
        ...(text === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: text,
    });
    const response = await inRequest(request, () => handler(request, { params: Promise.resolve(filled) }));
    const answer = await response.text();
    await afterRepliesSettled();
    expect([400, 404], `${response.status}: ${answer.slice(0, 300)}`).toContain(response.status);
    // An id that is not a UUID is "Not a valid id." without a param; every other field is named.
    if (response.status === 400) expect([param, undefined], answer).toContain(JSON.parse(answer).error.param);
  });
});
