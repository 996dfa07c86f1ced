import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPersona } from '@/lib/personas/service';
import { grantAdmin } from '@/lib/auth/grant-admin';
import { withTextChunks, solidPng } from '@/lib/cards/png';
import type { Database } from '@/lib/db';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { pngBomb } from '@/lib/testing/media';
import { inRequest } from '@/lib/testing/next-request';
import { sessionCookie } from '@/lib/testing/session-cookie';
import { DEFAULT_PERSONA } from '@/lib/personas/schemas';
import { stubNoLimitsAndInstantReplies } from '@/lib/testing/unlimited';

vi.mock('next/headers', () => import('@/lib/testing/next-request').then((m) => m.nextHeaders));

/**
 * Every admin route (app/api/admin/**, found by file so a new one is fuzzed too) with an admin's
 * session, through its real handler: made-up JSON bodies (the valid one with a field replaced,
 * control characters, deep nesting), card files and images (a decompression bomb, broken PNGs,
 * cards with U+0000 or deep extensions), odd params and queries, and malformed headers (Origin:
 * null, broken x-file-name percent-encoding, overlong values, wrong content types). Never a 500,
 * always the error envelope; a refused request writes nothing.
 */
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES = import.meta.glob<Record<string, Handler>>('/app/api/admin/**/route.ts');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const SITE = 'http://hearth.test';
const SECRET = 'admin-fuzz-secret-0123456789abcdef';
const RUNS_PER_HANDLER = 25;
const TABLES = [
  'users',
  'companions',
  'companion_versions',
  'companion_avatars',
  'companion_slug_redirects',
  'audit_log',
];

const run = crypto.randomUUID().slice(0, 8);
const controlled = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.integer({ min: 0, max: 0x9f }).filter((c) => c < 0x20 || c >= 0x7f),
    fc.string({ maxLength: 8 }),
  )
  .map(([a, c, b]) => a + String.fromCharCode(c) + b);
const nested = (depth: number, leaf: unknown = 1): unknown =>
  JSON.parse('{"a":'.repeat(depth) + JSON.stringify(leaf) + '}'.repeat(depth));
const oddStrings = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  controlled,
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\ud800',
    '../../etc/passwd',
    "'; drop table hearth.users; --",
    'x'.repeat(50_000),
  ),
);
const wrongValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  oddStrings,
  fc.constant(nested(200)),
  fc.constant(null),
  fc.constant({ ['k\u0000']: 'v' }),
);

// What a header can carry over the wire: visible ASCII.
const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 30,
});

const cardJson = (data: Record<string, unknown>) =>
  JSON.stringify({ spec: 'chara_card_v2', spec_version: '2.0', data: { name: `Fuzz ${run}`, ...data } });
const cardFiles = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  fc.constant(Buffer.from(cardJson({ description: 'plain' }))),
  fc.constant(
    Buffer.from(
      `{"spec":"chara_card_v2","data":{"name":"Deep","extensions":{"deep":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}}}`,
    ),
  ),
  fc.constant(
    Buffer.from(
      `{"spec":"chara_card_v2","data":{"name":"x","extensions":${'['.repeat(300_000)}${']'.repeat(300_000)}}}`,
    ),
  ),
  fc
    .tuple(fc.constantFrom('name', 'description', 'first_mes', 'creator', 'tags'), controlled)
    .map(([field, value]) => Buffer.from(cardJson({ [field]: field === 'tags' ? [value] : value }))),
  fc.constant(
    withTextChunks(solidPng(8, '#224466'), { chara: Buffer.from(cardJson({ first_mes: 'Hi' })).toString('base64') }),
  ),
  fc.constant(
    withTextChunks(pngBomb(20_000), { chara: Buffer.from(cardJson({ first_mes: 'Boom' })).toString('base64') }),
  ),
  fc.constant(Buffer.from(pngBomb(20_000))),
  fc.constant(Buffer.from(solidPng(8, '#224466')).subarray(0, 40)),
);

const HANDLERS = (
  await Promise.all(
    Object.entries(ROUTES).map(async ([file, load]) => {
      const route = await load();
      return METHODS.filter((method) => route[method]).map((method) => ({
        file,
        method,
        handler: route[method]!,
        name: `${method} ${file.replace('/app', '').replace('/route.ts', '')}`,
      }));
    }),
  )
).flat();

describe.each(TEST_DATABASES)('the admin routes under random and malformed input, on $name', ({ open }) => {
  let db: Database;
  let cookie: string;
  let personaId: string;
  let targetUserId: string;
  const globals = globalThis as { __hearthDb?: Promise<Database> };
  const previous = globals.__hearthDb;

  beforeAll(async () => {
    stubNoLimitsAndInstantReplies();
    vi.stubEnv('NEXTAUTH_SECRET', SECRET);
    db = await open();
    globals.__hearthDb = Promise.resolve(db);
    const admin = await createTestUser(db, 'fuzz-admin');
    const [row] = await db.query<{ email: string }>('select email from hearth.users where id = $1', [admin.id]);
    await grantAdmin(db, row!.email);
    cookie = await sessionCookie(db, admin, SECRET, { role: 'admin' });
    personaId = (
      await createPersona(
        { id: admin.id, role: 'admin' },
        { ...DEFAULT_PERSONA, name: 'Fuzz target', slug: `fuzz-target-${run}` },
        { db },
      )
    ).id;
    targetUserId = (await createTestUser(db, 'fuzz-target')).id;
  });
  afterAll(async () => {
    globals.__hearthDb = previous;
    vi.unstubAllEnvs();
    await db?.close();
  });

  // How the made-up requests were answered: some must get through, or the fuzzing only knocks on the door.
  const answered = { ok: 0, refused: 0, written: 0 };
  const rowCounts = async () =>
    (
      await db.query<{ n: string }>(
        TABLES.map((t) => `select count(*)::text as n from hearth.${t}`).join(' union all '),
      )
    )
      .map((r) => r.n)
      .join(',');
  const validFields = () => ({ ...DEFAULT_PERSONA, name: 'Fuzzed', slug: `fuzzed-${crypto.randomUUID().slice(0, 8)}` });

  /** JSON bodies: the route's valid body with one field (of it, or of its persona fields) replaced, or anything at all. */
  function jsonBodies(file: string): fc.Arbitrary<string> {
    const examples: Record<string, () => Record<string, unknown>> = {
      'personas/route.ts': () => ({ fields: validFields(), baseVersion: null }),
      'personas/[id]/route.ts': () => ({ fields: validFields(), baseVersion: 1 }),
      'preview/route.ts': () => ({ fields: validFields(), messages: [{ role: 'user', content: 'Hello?' }] }),
      'personas/[id]/actions/route.ts': () => ({ action: 'duplicate' }),
      'users/[id]/route.ts': () => ({ role: 'user', disabled: false }),
    };
    const example = Object.entries(examples).find(([suffix]) => file.endsWith(`/api/admin/${suffix}`))?.[1];
    const fieldKeys = Object.keys(DEFAULT_PERSONA);
    const mutated = example
      ? fc
          .tuple(
            fc.boolean(),
            fc.constantFrom(...fieldKeys),
            fc.constantFrom(...Object.keys(example()), 'extra'),
            wrongValue,
          )
          .map(([inFields, fieldKey, key, value]) => {
            const body = example();
            if (inFields && body.fields) body.fields = { ...(body.fields as object), [fieldKey]: value };
            else body[key] = value;
            return JSON.stringify(body);
          })
      : fc.constant('{}');
    return fc.oneof(
      mutated,
      mutated,
      fc.constant(example ? JSON.stringify(example()) : '{}'),
      fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
      fc.constant('['.repeat(400_000) + ']'.repeat(400_000)),
      oddStrings,
    );
  }

  const headers: fc.Arbitrary<Record<string, string>> = fc.record(
    {
      origin: fc.oneof(
        fc.constant(SITE),
        fc.constant(SITE),
        fc.constant('null'),
        fc.constant('https://evil.example'),
        fc.constant('http://hearth.test:8081'),
        fc.constant('http://'),
        headerText,
      ),
      'sec-fetch-site': fc.constantFrom('same-origin', 'same-site', 'cross-site', 'none', '\u00ff'),
      'x-file-name': fc.oneof(
        fc.constantFrom('card.png', '%E0%A4%A', '%', '%FF%FE', '%00hidden', encodeURIComponent('Lucía 🌙.json')),
        fc.constant('a'.repeat(20_000)),
      ),
      'x-overlong': fc.constant('x'.repeat(64_000)),
      cookie: fc.oneof(
        fc.constant('admin'),
        fc.constant('admin'),
        fc.constant('admin'),
        fc.constant('next-auth.session-token=garbage'),
        fc.constant(`next-auth.session-token=${'%'.repeat(3000)}`),
      ),
    },
    { requiredKeys: ['cookie'] },
  );

  it.each(HANDLERS)(
    '$name never answers 500 and refuses without writing',
    async ({ file, handler, method }) => {
      const rawBody = file.includes('/import/') || file.includes('/avatar/');
      const paramNames = [...file.matchAll(/\[(\w+)\]/g)].map(([, name]) => name!);
      const input = fc.record({
        params: fc.record(
          Object.fromEntries(
            paramNames.map((name) => [
              name,
              name === 'version'
                ? fc.oneof(fc.constant('1'), fc.constant('2'), oddStrings)
                : fc.oneof(fc.constant(file.includes('/users/') ? targetUserId : personaId), fc.uuid(), oddStrings),
            ]),
          ),
        ),
        query: fc.dictionary(
          fc.constantFrom('q', 'status', 'nsfw', 'language', 'from', 'to', 'format', 'spec', '__proto__'),
          fc.oneof(oddStrings, fc.constantFrom('csv', 'png', 'json', 'v2', '2026-12-01', 'published')),
          { maxKeys: 3 },
        ),
        body:
          method === 'GET'
            ? fc.constant(undefined)
            : rawBody
              ? cardFiles
              : jsonBodies(file).map((text) => Buffer.from(text)),
        contentType: fc.constantFrom(
          'application/json',
          'application/json',
          'application/json',
          'text/plain',
          'image/png',
          undefined,
        ),
        // Half the time the admin's own page, so that requests get past the door.
        headers: fc.oneof(fc.constant({ cookie: 'admin', origin: SITE, 'sec-fetch-site': 'same-origin' }), headers),
      });

      await fc.assert(
        fc.asyncProperty(input, async ({ params, query, body, contentType, headers: extra }) => {
          const url = new URL(
            `${SITE}${file
              .replace('/app', '')
              .replace('/route.ts', '')
              .replace(/\[(\w+)\]/g, (_, name: string) => encodeURIComponent((params[name] ?? '').toWellFormed()))}`,
          );
          for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
          const sent = new Headers({ host: 'hearth.test' });
          for (const [name, value] of Object.entries({
            ...extra,
            cookie: extra.cookie === 'admin' ? cookie : extra.cookie,
          }))
            sent.set(name, value);
          if (body !== undefined) {
            sent.set('content-length', String(body.byteLength));
            if (contentType) sent.set('content-type', contentType);
          }
          const request = new Request(url, {
            method,
            headers: sent,
            body: body === undefined ? undefined : new Uint8Array(body),
          });
          const before = await rowCounts();
          const response = await inRequest(request, () => handler(request, { params: Promise.resolve(params) }));
          const text = await response.text();
          expect(response.status === 500 || response.status > 503, `${response.status}: ${text.slice(0, 300)}`).toBe(
            false,
          );
          answered[response.status < 400 ? 'ok' : 'refused'] += 1;
          if (response.status < 400 && (await rowCounts()) !== before) answered.written += 1;
          if (response.status >= 400) {
            const error = (JSON.parse(text) as { error?: { type?: unknown; message?: unknown } }).error;
            expect(typeof error?.type === 'string' && typeof error.message === 'string', text.slice(0, 300)).toBe(true);
            expect(await rowCounts(), `${response.status} wrote: ${text.slice(0, 200)}`).toBe(before);
          }
        }),
        { numRuns: RUNS_PER_HANDLER, seed: 20261207 },
      );
    },
    180_000,
  );

  it('got through with some of them (writes among them) and refused others', () => {
    expect(answered.ok).toBeGreaterThan(30);
    expect(answered.written).toBeGreaterThan(3);
    expect(answered.refused).toBeGreaterThan(answered.ok);
  });
});
