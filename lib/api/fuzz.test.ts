import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import { startConversation } from '@/lib/chat/conversations';
import { openDatabase, type Database } from '@/lib/db';
import { createApiKey } from '@/lib/auth/api-keys';
import { createTestUser } from '@/lib/testing/databases';
import { openApiDocument, type Operation } from './openapi';

/**
 * Every operation of the public API (as the OpenAPI document lists them, so a new route is
 * fuzzed too), called through its real route handler on a real database with inputs fast-check
 * makes up: random and malformed JSON, the documented example with one field replaced by
 * something wrong (types, huge strings, odd unicode, prototype-pollution keys), random path
 * parameters and query strings. The answer is never a 500 and always the error envelope; a
 * refused request writes nothing.
 */

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES = import.meta.glob<Record<string, Handler>>('../../app/api/v1/**/route.ts');
const RUNS_PER_OPERATION = 30;
const TABLES = ['users', 'conversations', 'messages', 'api_keys', 'api_usage', 'memories', 'memory_settings', 'uploads', 'pending_uploads'];

const oddStrings = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', '‮rtl', '𝕳𝖊𝖆𝖗𝖙𝖍', '../../etc/passwd', "'; drop table users; --", 'null', 'NaN', '-1', '1e309'),
  fc.constant('x'.repeat(100_000)),
);
const pollution = fc.constantFrom(
  JSON.parse('{"__proto__": {"admin": true}}'),
  JSON.parse('{"constructor": {"prototype": {"admin": true}}}'),
  JSON.parse('{"__proto__": null, "toString": 1}'),
);
const wrongValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), oddStrings, pollution, fc.double(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }));

/** A body: the example with one field changed or added, or any JSON at all, or text that is not JSON. */
function bodies(example: unknown): fc.Arbitrary<string> {
  const keys = example && typeof example === 'object' ? Object.keys(example) : [];
  const mutated = fc
    .tuple(fc.constantFrom(...keys, '__proto__', 'constructor', 'extra'), wrongValue)
    .map(([key, value]) => JSON.stringify({ ...(example as object), [key]: value }));
  return fc.oneof(
    ...(keys.length ? [mutated] : []),
    fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
    pollution.map((value) => JSON.stringify(value)),
    oddStrings,
  );
}

describe('the public API under random and malformed input', () => {
  let db: Database;
  let key: string;
  let conversationId: string;
  const previousDb = (globalThis as { __hearthDb?: Promise<Database> }).__hearthDb;

  beforeAll(async () => {
    // Every limit out of the way: the quota's own refusals are tested in lib/api/quota.test.ts.
    for (const name of ['REQUESTS_PER_MINUTE', 'REQUESTS_PER_MINUTE_PER_IP', 'MESSAGES_PER_HOUR', 'MESSAGES_PER_HOUR_PER_IP', 'SIGN_UPS_PER_HOUR_PER_IP']) {
      vi.stubEnv(`RATE_LIMIT_${name}`, '0');
    }
    vi.stubEnv('OFFLINE_MODEL_FIRST_TOKEN_MS', '0');
    vi.stubEnv('OFFLINE_MODEL_WORD_MS', '0');
    db = await openDatabase({ memory: true });
    (globalThis as { __hearthDb?: Promise<Database> }).__hearthDb = Promise.resolve(db);
    const user = await createTestUser(db, 'fuzz');
    key = (await createApiKey(user, 'fuzz', db)).key;
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
    (await db.query<{ n: string }>(TABLES.map((t) => `select count(*)::text as n from hearth.${t}`).join(' union all '))).map((r) => r.n).join(',');

  const operations = Object.entries(openApiDocument().paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation: operation as Operation })),
  );

  it.each(operations)('$method $path never answers 500 and refuses without writing', async ({ path, method, operation }) => {
    const file = `../../app/api/v1${path.replace('/api/v1', '').replace(/\{(\w+)\}/g, '[$1]')}/route.ts`;
    const handler = (await ROUTES[file]!())[method]!;
    const pathParams = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
    const queryParams = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    const example = operation.requestBody?.content['application/json']?.example;

    const input = fc.record({
      params: fc.record(Object.fromEntries(pathParams.map((name) => [name, fc.oneof(fc.constant(conversationId), fc.constant('marcus'), fc.uuid(), oddStrings)]))),
      query: fc.dictionary(fc.constantFrom(...queryParams, 'x', '__proto__'), oddStrings, { maxKeys: 3 }),
      body: operation.requestBody ? bodies(example) : fc.constant(undefined),
      // Without a bearer key the session cookie is read, which needs a Next.js request (e2e covers
      // it); a header can only carry visible ASCII over the wire.
      bearer: fc.oneof(fc.constant(key), fc.constant(key), fc.constant(key), fc.constant('hk_wrong'), fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 80 })),
    });

    await fc.assert(
      fc.asyncProperty(input, async ({ params, query, body, bearer }) => {
        const url = new URL(`http://hearth.test${path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''))}`);
        for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
        const before = await rowCounts();
        const response = await handler(
          new Request(url, {
            method,
            headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
            body,
          }),
          { params: Promise.resolve(params) },
        );
        const text = await response.text(); // a stream ends once its reply is saved
        await afterRepliesSettled();
        expect(response.status === 500 || response.status > 503, `${response.status}: ${text.slice(0, 300)}`).toBe(false);
        answered[response.status < 400 ? 'ok' : 'refused'] += 1;
        if (response.status >= 400) {
          const error = (JSON.parse(text) as { error?: { type?: unknown; message?: unknown } }).error;
          expect(typeof error?.type === 'string' && typeof error.message === 'string', text.slice(0, 300)).toBe(true);
          expect(await rowCounts(), `${response.status} wrote: ${text.slice(0, 200)}`).toBe(before);
        }
      }),
      { numRuns: RUNS_PER_OPERATION, seed: 20261202 },
    );
  }, 120_000);

  it('got through with some of them and refused others', async () => {
    expect(answered.ok).toBeGreaterThan(50);
    expect(answered.refused).toBeGreaterThan(answered.ok);
    // Among them, upload targets asked for with the documented JSON body.
    const [pending] = await db.query<{ n: number }>('select count(*)::int as n from hearth.pending_uploads');
    expect(pending?.n).toBeGreaterThan(0);
  });
});
