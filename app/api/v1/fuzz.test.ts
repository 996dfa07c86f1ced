import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import { startConversation } from '@/lib/conversations/service';
import { openDatabase, type Database } from '@/lib/db';
import { createApiKey } from '@/lib/api-keys/keys';
import { createTestUser } from '@/lib/testing/databases';
import { inRequest } from '@/lib/testing/next-request';
import { sessionCookie } from '@/lib/testing/session-cookie';
import type { Operation } from '@/lib/api/openapi/document-types';
import { openApiDocument } from '@/lib/api/openapi/document';
import { stubNoLimitsAndInstantReplies } from '@/lib/testing/unlimited';

vi.mock('next/headers', () => import('@/lib/testing/next-request').then((m) => m.nextHeaders));

/**
 * Every operation of the public API (as the OpenAPI document lists them, so a new route is
 * fuzzed too), called through its real route handler on a real database with inputs fast-check
 * makes up: random and malformed JSON, the documented example with one field replaced by
 * something wrong (types, huge strings, odd unicode, prototype-pollution keys), random path
 * parameters and query strings, control characters and nesting far past any real body, with a
 * key or the browser session (from this site, another origin, `Origin: null`), and malformed or
 * overlong headers. The answer is never a 500 and always the error envelope; a refused request
 * writes nothing.
 */

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES = import.meta.glob<Record<string, Handler>>('/app/api/v1/**/route.ts');
const RUNS_PER_OPERATION = 30;
const TABLES = [
  'users',
  'conversations',
  'messages',
  'api_keys',
  'api_usage',
  'memories',
  'memory_settings',
  'uploads',
  'pending_uploads',
  'user_personas',
];
const SITE = 'http://hearth.test';
const SECRET = 'api-fuzz-secret-0123456789abcdef';

// A C0 or C1 control character (U+0000 most of all) inside otherwise ordinary text.
const controlled = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.oneof(
      fc.constant(0),
      fc.integer({ min: 0, max: 0x9f }).filter((c) => c < 0x20 || c >= 0x7f),
    ),
    fc.string({ maxLength: 8 }),
  )
  .map(([a, c, b]) => a + String.fromCharCode(c) + b);
const deeplyNested = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;
const oddStrings = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  controlled,
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    '‮rtl',
    '𝕳𝖊𝖆𝖗𝖙𝖍',
    '../../etc/passwd',
    "'; drop table users; --",
    'null',
    'NaN',
    '-1',
    '1e309',
  ),
  fc.constant('x'.repeat(100_000)),
);
// What a header can carry over the wire: visible ASCII.
const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 40,
});
/** Headers besides the credentials: as a browser on this site sends them, or odd, hostile or overlong ones. */
const extraHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ origin: SITE, 'sec-fetch-site': 'same-origin' }) },
  fc.record(
    {
      origin: fc.oneof(
        fc.constantFrom(SITE, 'null', 'https://evil.example', 'http://hearth.test:8081', 'http://', 'file://'),
        headerText,
      ),
      'sec-fetch-site': fc.constantFrom('same-origin', 'same-site', 'cross-site', 'none', 'SAME-ORIGIN'),
      'content-type': fc.oneof(
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data',
          'multipart/form-data; boundary=',
          'application/json; charset=utf-16',
          'application/jsonx',
        ),
        headerText,
      ),
      'x-file-name': fc.constantFrom('%E0%A4%A', '%', '%FF', encodeURIComponent('Lucía.png')),
      'x-forwarded-for': fc.oneof(headerText, fc.constant('1.2.3.4, '.repeat(2_000))),
      'x-overlong': fc.constant('x'.repeat(64_000)),
    },
    { requiredKeys: [] },
  ),
);
const pollution = fc.constantFrom(
  JSON.parse('{"__proto__": {"admin": true}}'),
  JSON.parse('{"constructor": {"prototype": {"admin": true}}}'),
  JSON.parse('{"__proto__": null, "toString": 1}'),
);
const wrongValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  oddStrings,
  pollution,
  fc.double(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
);

/** A body: the example with one field changed or added, or any JSON at all, or text that is not JSON. */
function bodies(example: unknown): fc.Arbitrary<string> {
  const keys = example && typeof example === 'object' ? Object.keys(example) : [];
  const mutated = fc
    .tuple(fc.constantFrom(...keys, '__proto__', 'constructor', 'extra'), wrongValue)
    .map(([key, value]) => JSON.stringify({ ...(example as object), [key]: value }));
  return fc.oneof(
    ...(keys.length ? [mutated, fc.constant(JSON.stringify(example))] : []),
    fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
    pollution.map((value) => JSON.stringify(value)),
    oddStrings,
    // Nesting past any real body: as one field, and as a whole megabyte of brackets.
    ...(keys.length
      ? [fc.constantFrom(...keys).map((key) => JSON.stringify({ ...(example as object), [key]: deeplyNested(500) }))]
      : []),
    fc.constant('['.repeat(400_000) + ']'.repeat(400_000)),
  );
}

describe('the public API under random and malformed input', () => {
  let db: Database;
  let key: string;
  let cookie: string;
  let conversationId: string;
  const previousDb = (globalThis as { __hearthDb?: Promise<Database> }).__hearthDb;

  beforeAll(async () => {
    stubNoLimitsAndInstantReplies();
    vi.stubEnv('NEXTAUTH_SECRET', SECRET);
    db = await openDatabase({ memory: true });
    (globalThis as { __hearthDb?: Promise<Database> }).__hearthDb = Promise.resolve(db);
    const user = await createTestUser(db, 'fuzz');
    key = (await createApiKey(user, 'fuzz', db)).key;
    cookie = await sessionCookie(db, user, SECRET);
    conversationId = (await startConversation(user, { companion: 'marcus' }, db)).id;
  });
  afterAll(async () => {
    await afterRepliesSettled();
    (globalThis as { __hearthDb?: Promise<Database> }).__hearthDb = previousDb;
    vi.unstubAllEnvs();
    await db?.close();
  });

  // How the made-up requests were answered: some must get through, or the fuzzing only knocks on the door.
  const answered = { ok: 0, refused: 0 };
  const rowCounts = async () =>
    (
      await db.query<{ n: string }>(
        TABLES.map((t) => `select count(*)::text as n from hearth.${t}`).join(' union all '),
      )
    )
      .map((r) => r.n)
      .join(',');

  const operations = Object.entries(openApiDocument().paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      path,
      method: method.toUpperCase(),
      operation: operation as Operation,
    })),
  );

  it.each(operations)(
    '$method $path never answers 500 and refuses without writing',
    async ({ path, method, operation }) => {
      const file = `/app/api/v1${path.replace('/api/v1', '').replace(/\{(\w+)\}/g, '[$1]')}/route.ts`;
      const handler = (await ROUTES[file]!())[method]!;
      const pathParams = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      const queryParams = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const example = operation.requestBody?.content['application/json']?.example;

      const input = fc.record({
        params: fc.record(
          Object.fromEntries(
            pathParams.map((name) => [
              name,
              fc.oneof(fc.constant(conversationId), fc.constant('marcus'), fc.uuid(), oddStrings),
            ]),
          ),
        ),
        query: fc.dictionary(fc.constantFrom(...queryParams, 'x', '__proto__'), oddStrings, { maxKeys: 3 }),
        body: operation.requestBody ? bodies(example) : fc.constant(undefined),
        // A key, the browser session (null: no Authorization header), or a bad key; a header can
        // only carry visible ASCII over the wire.
        bearer: fc.oneof(
          { weight: 4, arbitrary: fc.constant<string | null>(key) },
          // Not for deleting the account: the session may do it, and every operation after it would only see 401s.
          {
            weight: method === 'DELETE' && path === '/api/v1/users/me' ? 0 : 3,
            arbitrary: fc.constant<string | null>(null),
          },
          {
            weight: 1,
            arbitrary: fc.oneof(
              fc.constant('hk_wrong'),
              fc.string({
                unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
                minLength: 1,
                maxLength: 80,
              }),
              fc.constant(`hk_${'x'.repeat(20_000)}`),
            ),
          },
        ),
        headers: extraHeaders,
      });

      await fc.assert(
        fc.asyncProperty(input, async ({ params, query, body, bearer, headers }) => {
          const url = new URL(
            `${SITE}${path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent((params[name] ?? '').toWellFormed()))}`,
          );
          for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
          const before = await rowCounts();
          const request = new Request(url, {
            method,
            headers: {
              host: 'hearth.test',
              ...(body !== undefined
                ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }
                : {}),
              ...headers,
              ...(bearer === null ? { cookie } : { authorization: `Bearer ${bearer}` }),
            },
            body,
          });
          const response = await inRequest(request, () => handler(request, { params: Promise.resolve(params) }));
          const text = await response.text(); // a stream ends once its reply is saved
          await afterRepliesSettled();
          expect(response.status === 500 || response.status > 503, `${response.status}: ${text.slice(0, 300)}`).toBe(
            false,
          );
          answered[response.status < 400 ? 'ok' : 'refused'] += 1;
          if (response.status >= 400) {
            const error = (JSON.parse(text) as { error?: { type?: unknown; message?: unknown } }).error;
            expect(typeof error?.type === 'string' && typeof error.message === 'string', text.slice(0, 300)).toBe(true);
            expect(await rowCounts(), `${response.status} wrote: ${text.slice(0, 200)}`).toBe(before);
          }
        }),
        { numRuns: RUNS_PER_OPERATION, seed: 20261202 },
      );
    },
    120_000,
  );

  it('got through with some of them and refused others', async () => {
    expect(answered.ok).toBeGreaterThan(50);
    expect(answered.refused).toBeGreaterThan(answered.ok);
    // Among them, upload targets asked for with the documented JSON body.
    const [pending] = await db.query<{ n: number }>('select count(*)::int as n from hearth.pending_uploads');
    expect(pending?.n).toBeGreaterThan(0);
  });
});
