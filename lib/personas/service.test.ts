import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidPng } from '@/lib/cards/png';
import type { Database } from '@/lib/db';
import { listAudit } from '@/lib/admin/audit';
import { findCompanion, listCompanions } from '@/lib/companions/queries';
import { redirectedSlug } from '@/lib/personas/queries';
import { withUser } from '@/lib/db/scope';
import { isHearthError } from '@/lib/errors';
import { makeAdmin } from '@/lib/testing/admin-user';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { pngBomb } from '@/lib/testing/media';
import { rejects } from '@/lib/testing/rejection';
import { MAX_IMAGE_SIDE } from '@/lib/uploads/limits';
import { DEFAULT_PERSONA } from '@/lib/personas/schemas';
import { checkAvatar, MAX_AVATAR_BYTES } from '@/lib/personas/avatar';
import { exportCard, importCard } from '@/lib/personas/cards';
import {
  archivePersona,
  createPersona,
  duplicatePersona,
  personaWithVersions,
  restoreVersion,
  savePersona,
  setVisibility,
} from '@/lib/personas/service';

// Publishing needs instructions (publish-rules.test.ts): every persona here has some.
const PERSONA = { ...DEFAULT_PERSONA, instructions: 'Be kind.' };

// The PostgreSQL test database outlives a run: slugs carry a per-run suffix.
const run = crypto.randomUUID().slice(0, 8);

const count = async (db: Database, table: string) =>
  (await db.query<{ n: number }>(`select count(*)::int as n from hearth.${table}`))[0]!.n;

describe.each(TEST_DATABASES)('the persona studio on $name', ({ open }) => {
  let db: Database;
  let admin: { id: string; role: 'admin' };
  let user: { id: string };

  beforeAll(async () => {
    db = await open();
    admin = await makeAdmin(db, 'admin');
    user = await createTestUser(db, 'plain');
  });
  afterAll(() => db?.close());

  it('creates, versions, publishes, renames with a redirect, restores and archives a persona, auditing each step', async () => {
    const created = await createPersona(
      admin,
      { ...PERSONA, name: 'Nova', slug: `nova-${run}`, greeting: 'Hi!' },
      { db },
    );
    expect(created.visibility).toBe('draft');
    expect(await withUser(user, (tx) => findCompanion(tx, `nova-${run}`), db)).toBeNull();

    // An admin reads the draft in the studio, but the picker (theirs too) lists published ones only.
    expect((await withUser(admin, (tx) => findCompanion(tx, created.id), db))?.name).toBe('Nova');
    expect((await withUser(admin, listCompanions, db)).map((c) => c.id)).not.toContain(created.id);
    const published = await setVisibility(admin, created.id, 'published', db);
    expect(published.version).toBe(2);
    expect((await withUser(user, (tx) => findCompanion(tx, `nova-${run}`), db))?.name).toBe('Nova');

    const renamed = await savePersona(
      admin,
      created.id,
      { ...PERSONA, name: 'Nova Star', slug: `nova-star-${run}`, greeting: 'Hello!', visibility: 'published' },
      2,
      { db },
    );
    expect(renamed.slug).toBe(`nova-star-${run}`);
    expect(await withUser(user, (tx) => redirectedSlug(tx, `nova-${run}`), db)).toBe(`nova-star-${run}`);

    const stale = await rejects(
      savePersona(admin, created.id, { ...PERSONA, name: 'X', slug: `nova-star-${run}` }, 1, { db }),
    );
    expect(isHearthError(stale) && stale.code).toBe('conflict');
    const taken = await rejects(createPersona(admin, { ...PERSONA, name: 'Imposter', slug: `nova-${run}` }, { db }));
    expect(isHearthError(taken) && taken.param).toBe('fields.slug');
    const invalid = await rejects(createPersona(admin, { ...PERSONA, name: 'Bad', slug: 'Bad Slug!' }, { db }));
    expect(isHearthError(invalid) && invalid.param).toBe('slug');

    const restored = await restoreVersion(admin, created.id, 2, db);
    expect([restored.name, restored.version]).toEqual(['Nova', 4]);
    const { versions } = (await personaWithVersions(admin, created.id, db))!;
    expect(versions.map((v) => v.version)).toEqual([4, 3, 2, 1]);
    expect(versions[0]!.authorId).toBe(admin.id);

    await archivePersona(admin, created.id, true, db);
    expect(await withUser(user, (tx) => findCompanion(tx, created.id), db)).toBeNull();
    await archivePersona(admin, created.id, false, db);
    expect(await withUser(user, (tx) => findCompanion(tx, created.id), db)).not.toBeNull();

    const copy = await duplicatePersona(admin, created.id, db);
    expect([copy.slug, copy.visibility]).toEqual([`nova-${run}-copy`, 'draft']);

    const audit = await withUser(admin, (tx) => listAudit(tx, { targetId: created.id }), db);
    expect(audit.map((a) => a.action)).toEqual([
      'persona.restore',
      'persona.archive',
      'persona.restore_version',
      'persona.update',
      'persona.publish',
      'persona.create',
    ]);
    const update = audit.find((a) => a.action === 'persona.update')!;
    expect([update.actorId, (update.before as { slug: string }).slug, (update.after as { slug: string }).slug]).toEqual(
      [admin.id, `nova-${run}`, `nova-star-${run}`],
    );
  });

  it('keeps voices per language: validated, saved, read with the companion, versioned, restored and in the card', async () => {
    const voices = { 'fr-FR': 'Zephyr', 'de-DE': 'deep' };
    const created = await createPersona(
      admin,
      {
        ...PERSONA,
        name: 'Polyglot',
        slug: `polyglot-${run}`,
        languages: ['fr-FR', 'de-DE'],
        voice: 'warm',
        voices,
        visibility: 'published',
      },
      { db },
    );
    expect(created.voices).toEqual(voices);
    const companion = await withUser(user, (tx) => findCompanion(tx, `polyglot-${run}`), db);
    expect([companion?.voice, companion?.voices]).toEqual(['warm', voices]);

    for (const bad of [{ 'xx-XX': 'nova' }, { 'fr-FR': '' }, { 'fr-FR': 'v'.repeat(101) }]) {
      const refused = await rejects(
        savePersona(
          admin,
          created.id,
          { ...PERSONA, name: 'Polyglot', slug: `polyglot-${run}`, voices: bad as never },
          1,
          { db },
        ),
      );
      expect(isHearthError(refused) && refused.code).toBe('bad_request');
      expect(isHearthError(refused) && refused.param?.startsWith('voices')).toBe(true);
    }
    const [row] = await db.query<{ voices: unknown }>('select voices from hearth.companions where id = $1', [
      created.id,
    ]);
    expect(row!.voices).toEqual(voices);

    await savePersona(
      admin,
      created.id,
      {
        ...PERSONA,
        name: 'Polyglot',
        slug: `polyglot-${run}`,
        languages: ['fr-FR'],
        voices: { 'fr-FR': 'Kore' },
      },
      1,
      { db },
    );
    expect((await restoreVersion(admin, created.id, 1, db)).voices).toEqual(voices);
    // A version saved before voices per language existed restores with none.
    await db.query(
      "update hearth.companion_versions set snapshot = snapshot - 'voices' where companion_id = $1 and version = 2",
      [created.id],
    );
    expect((await restoreVersion(admin, created.id, 2, db)).voices).toEqual({});

    await savePersona(admin, created.id, { ...PERSONA, name: 'Polyglot', slug: `polyglot-${run}`, voices }, 4, {
      db,
    });
    const card = await exportCard(admin, created.id, 'v3', 'json', db);
    const hearth = (JSON.parse(String(card.body)) as { data: { extensions: { hearth: { voices: unknown } } } }).data
      .extensions.hearth;
    expect(hearth.voices).toEqual(voices);
  });

  it('imports a PNG card with its portrait, exports it back, and creates nothing from a malformed card', async () => {
    const card = {
      spec: 'chara_card_v3',
      spec_version: '3.0',
      data: {
        name: 'Pixel',
        description: 'd',
        first_mes: 'Beep.',
        tags: ['robots'],
        extensions: { x_tool: { keep: true } },
      },
    };
    const { withTextChunks } = await import('@/lib/cards/png');
    const png = withTextChunks(solidPng(16, '#336699'), { ccv3: Buffer.from(JSON.stringify(card)).toString('base64') });
    const { persona, spec } = await importCard(admin, png, 'pixel.png', db);
    expect([spec, persona.name, persona.visibility, persona.avatarUrl]).toEqual([
      'v3',
      'Pixel',
      'draft',
      expect.stringMatching(/^\/api\/avatars\//),
    ]);
    const exported = await exportCard(admin, persona.id, 'v3', 'json', db);
    const json = JSON.parse(exported.body as string);
    expect(json.data.extensions.x_tool).toEqual({ keep: true });
    expect(json.data.first_mes).toBe('Beep.');

    const before = await count(db, 'companions');
    const audits = await count(db, 'audit_log');
    const bad = await rejects(
      importCard(
        admin,
        new TextEncoder().encode(JSON.stringify({ spec: 'chara_card_v2', data: { name: 'Broken', first_mes: 7 } })),
        'x.json',
        db,
      ),
    );
    expect(isHearthError(bad) && bad.param).toBe('data.first_mes');
    expect([await count(db, 'companions'), await count(db, 'audit_log')]).toEqual([before, audits]);
    const notAdmin = await rejects(importCard(user, png, 'pixel.png', db));
    expect((notAdmin as { code?: string }).code).toBe('42501');
    expect(await count(db, 'companions')).toBe(before);
  });

  it('checks avatars by content, not by name', () => {
    expect(checkAvatar(solidPng(4, '#000000')).contentType).toBe('image/png');
    // A JPEG's start-of-frame header: 600 × 800.
    const jpeg = new Uint8Array([
      0xff,
      0xd8,
      0xff,
      0xe0,
      0,
      16,
      0x4a,
      0x46,
      0x49,
      0x46,
      0,
      1,
      1,
      0,
      0,
      1,
      0,
      1,
      0,
      0,
      0xff,
      0xc0,
      0,
      17,
      8,
      0x03,
      0x20,
      0x02,
      0x58,
      3,
      ...new Array(16).fill(0),
    ]);
    expect(checkAvatar(jpeg).contentType).toBe('image/jpeg');
    expect(() => checkAvatar(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2]))).toThrow(/could not be read/);
    expect(() => checkAvatar(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toThrow(
      /PNG, JPEG or WebP/,
    );
    expect(() => checkAvatar(new Uint8Array(2 * 1024 * 1024 + 1))).toThrow(/at most 2 MB/);
  });

  it("refuses a decompression bomb as an avatar or a card's picture, with the uploads' pixel cap, writing nothing", async () => {
    const bomb = pngBomb(20_000);
    expect(bomb.byteLength).toBeLessThan(MAX_AVATAR_BYTES);
    expect(() => checkAvatar(bomb)).toThrow(
      expect.objectContaining({ status: 400, param: 'avatar', message: expect.stringContaining('20000 × 20000') }),
    );
    expect(checkAvatar(pngBomb(MAX_IMAGE_SIDE)).contentType).toBe('image/png');

    const { withTextChunks } = await import('@/lib/cards/png');
    const card = { spec: 'chara_card_v2', spec_version: '2.0', data: { name: `Bomb ${run}`, first_mes: 'Boom.' } };
    const before = await count(db, 'companions');
    const imported = await rejects(
      importCard(
        admin,
        withTextChunks(bomb, { chara: Buffer.from(JSON.stringify(card)).toString('base64') }),
        'bomb.png',
        db,
      ),
    );
    expect(imported).toMatchObject({ code: 'bad_request', param: 'avatar' });
    expect(await count(db, 'companions')).toBe(before);
  });
});
