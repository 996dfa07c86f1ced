import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solidPng, withTextChunks } from '@/lib/cards/png';
import type { Database } from '@/lib/db';
import { withAnon, withUser } from '@/lib/db/scope';
import { toHearthError } from '@/lib/errors';
import { makeAdmin } from '@/lib/testing/admin-user';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { pngBomb } from '@/lib/testing/media';
import { rejects } from '@/lib/testing/rejection';
import { personaList } from '@/lib/personas/service';
import { listCompanions } from './queries';
import {
  communityCompanions,
  createOwnCompanion,
  importOwnCard,
  ownCompanion,
  ownCompanionModels,
  ownCompanions,
  removeOwnCompanion,
  saveOwnCompanion,
} from './own';
import { DEFAULT_OWN_COMPANION, type Audience } from './own-schemas';

const run = crypto.randomUUID().slice(0, 8);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe.each(TEST_DATABASES)('people’s own companions on $name', ({ open }) => {
  let db: Database;
  let model: string;
  const companion = (name: string, audience: Audience, more: object = {}) => ({
    ...DEFAULT_OWN_COMPANION,
    name,
    instructions: `You are ${name}, who loves tide pools.`,
    greeting: `Hello from ${name}.`,
    specialties: [`tag-${run}`],
    model,
    audience,
    ...more,
  });
  /** The ids of `ids` the scope reads, by raw SQL under RLS. */
  const readable = (ids: string[], scope: { id: string } | null, link?: string) => {
    const read = async (tx: Parameters<Parameters<typeof withAnon>[0]>[0]) => {
      if (link) await tx.query("select set_config('hearth.companion_link', $1, true)", [link]);
      const rows = await tx.query<{ id: string }>(
        'select id::text from hearth.companions where id = any ($1::uuid[])',
        [ids],
      );
      return rows.map((row) => row.id).sort();
    };
    return scope ? withUser(scope, read, db) : withAnon(read, db);
  };

  beforeAll(async () => {
    db = await open();
    const someone = await createTestUser(db, 'models');
    model = (await ownCompanionModels(someone, db))[0]!;
  });
  afterAll(() => db?.close());

  it('RLS by raw SQL: the owner reads and writes all three; others read public, unlisted only by its link, never private', async () => {
    const owner = await createTestUser(db, 'owner');
    const other = await createTestUser(db, 'other');
    const [secret, linked, listed] = await Promise.all(
      (['private', 'unlisted', 'public'] as const).map((audience) =>
        createOwnCompanion(owner, companion(`${audience} ${run}`, audience), { db }),
      ),
    );
    const all = [secret!.id, linked!.id, listed!.id];
    const sorted = (...ids: string[]) => [...ids].sort();

    expect(await readable(all, owner)).toEqual(sorted(...all));
    expect(await readable(all, other)).toEqual([listed!.id]);
    expect(await readable(all, null)).toEqual([listed!.id]);
    expect(await readable(all, other, linked!.id)).toEqual(sorted(linked!.id, listed!.id));
    expect(await readable(all, null, linked!.id)).toEqual(sorted(linked!.id, listed!.id));
    expect(await readable(all, other, secret!.id)).toEqual([listed!.id]);

    // Nobody else writes them, whatever the audience: the update finds no row, the insert is refused.
    const renamed = await withUser(
      other,
      (tx) => tx.query("update hearth.companions set name = 'Taken' where id = any ($1::uuid[]) returning id", [all]),
      db,
    );
    expect(renamed).toEqual([]);
    const stolen = await withUser(
      other,
      (tx) => tx.query('update hearth.companions set owner_id = $2 where id = $1 returning id', [secret!.id, other.id]),
      db,
    );
    expect(stolen).toEqual([]);
    const forged = await rejects(
      withUser(
        other,
        (tx) =>
          tx.query(
            `insert into hearth.companions (slug, name, tagline, description, instructions, greeting, avatar_url, owner_id, audience)
             values ($1, 'Forged', '', '', 'x', '', '/a.svg', $2, 'public')`,
            [`forged-${run}`, owner.id],
          ),
        db,
      ),
    );
    expect(forged).toMatchObject({ code: '42501' });
    // An owner cannot hand a companion to the catalogue (owner null) either.
    const toCatalogue = await rejects(
      withUser(owner, (tx) => tx.query('update hearth.companions set owner_id = null where id = $1', [listed!.id]), db),
    );
    expect(toCatalogue).toMatchObject({ code: '42501' });
    expect((await ownCompanion(owner, listed!.id, db)).name).toBe(`public ${run}`);
  });

  it('keeps a companion with the people who talk with it when its owner makes it private or removes it', async () => {
    const owner = await createTestUser(db, 'owner');
    const talker = await createTestUser(db, 'talker');
    const stranger = await createTestUser(db, 'stranger');
    const shared = await createOwnCompanion(owner, companion(`Shared ${run}`, 'public'), { db });
    await withUser(
      talker,
      (tx) =>
        tx.query(
          "insert into hearth.conversations (user_id, companion_id, title, model) values ($1, $2, 'Hi', 'offline/hearth-demo')",
          [talker.id, shared.id],
        ),
      db,
    );
    await saveOwnCompanion(owner, shared.id, companion(`Shared ${run}`, 'private'), { db });
    expect(await readable([shared.id], talker)).toEqual([shared.id]);
    expect(await readable([shared.id], stranger)).toEqual([]);

    await removeOwnCompanion(owner, shared.id, db);
    expect(await readable([shared.id], talker)).toEqual([shared.id]);
    expect(await ownCompanions(owner, db)).toEqual([]);
    await expect(ownCompanion(owner, shared.id, db)).rejects.toMatchObject({ status: 404 });
    await expect(removeOwnCompanion(stranger, shared.id, db)).rejects.toMatchObject({ status: 404 });
  });

  it('lets guests and unverified accounts keep companions private only, and writes nothing when refused', async () => {
    const unverified = await createTestUser(db, 'unverified', { verified: false });
    const [guest] = await withAnon(
      (tx) => tx.query<{ id: string }>("select hearth.auth_register_user(null, 'Guest', null, true) as id"),
      db,
    );
    for (const person of [unverified, guest!]) {
      for (const audience of ['public', 'unlisted'] as const) {
        const refused = toHearthError(
          await rejects(createOwnCompanion(person, companion(`Nope ${run}`, audience), { db })),
        );
        expect(refused).toMatchObject({
          status: 403,
          param: 'audience',
          message: expect.stringMatching(/^Verify your email/),
        });
      }
      const mine = await createOwnCompanion(person, companion(`Mine ${run}`, 'private'), { db });
      const republished = await rejects(saveOwnCompanion(person, mine.id, companion(`Mine ${run}`, 'public'), { db }));
      expect(toHearthError(republished)).toMatchObject({ status: 403 });
      expect(await ownCompanions(person, db)).toEqual([expect.objectContaining({ id: mine.id, audience: 'private' })]);
    }
  });

  it('runs on the models the operator allows, with no routing of its own', async () => {
    const owner = await createTestUser(db, 'router');
    const refused = await rejects(
      createOwnCompanion(owner, companion(`Router ${run}`, 'private', { model: 'openai/gpt-5-pro' }), { db }),
    );
    expect(refused).toMatchObject({ status: 400, param: 'model' });
    const mine = await createOwnCompanion(owner, companion(`Router ${run}`, 'private'), { db });
    for (const change of ["fallback_models = '{openai/gpt-5-pro}'", 'max_output_tokens = 60000']) {
      const raw = await rejects(
        withUser(owner, (tx) => tx.query(`update hearth.companions set ${change} where id = $1`, [mine.id]), db),
      );
      expect(toHearthError(raw)).toMatchObject({ status: 403 });
    }
    // Unknown fields (the admin's routing) are not read from a person's input.
    const saved = await saveOwnCompanion(
      owner,
      mine.id,
      { ...companion(`Router ${run}`, 'private'), fallbackModels: ['openai/gpt-5-pro'], temperature: 2 },
      { db },
    );
    const [row] = await db.query<{ fallback_models: string[]; temperature: number; default_model: string }>(
      'select fallback_models, temperature, default_model from hearth.companions where id = $1',
      [saved.id],
    );
    expect(row).toEqual({ fallback_models: [], temperature: 0.8, default_model: model });
  });

  it('keeps people’s companions out of the catalogue and the studio, and lists public ones in the Community', async () => {
    const owner = await createTestUser(db, 'maker');
    await db.query("update hearth.users set name = 'Robin' where id = $1", [owner.id]);
    const reader = await createTestUser(db, 'reader');
    const admin = await makeAdmin(db, 'community-admin');
    const quiet = await createOwnCompanion(
      owner,
      companion(`Quiet ${run}`, 'public', { tagline: 'Reads poems', specialties: [`community-${run}`] }),
      {
        db,
      },
    );
    const busy = await createOwnCompanion(
      owner,
      companion(`Busy ${run}`, 'public', { specialties: [`community-${run}`] }),
      { db },
    );
    const hidden = await createOwnCompanion(owner, companion(`Hidden ${run}`, 'unlisted'), { db });
    for (const title of ['One', 'Two'])
      await withUser(
        reader,
        (tx) =>
          tx.query(
            "insert into hearth.conversations (user_id, companion_id, title, model) values ($1, $2, $3, 'offline/hearth-demo')",
            [reader.id, busy.id, title],
          ),
        db,
      );

    const tagged = await communityCompanions(reader, { tag: `community-${run}` }, db);
    expect(tagged.map((c) => [c.name, c.creator, c.chats, c.recentChats])).toEqual([
      [`Busy ${run}`, 'Robin', 2, 2],
      [`Quiet ${run}`, 'Robin', 0, 0],
    ]);
    expect((await communityCompanions(reader, { q: 'reads poems' }, db)).map((c) => c.id)).toContain(quiet.id);
    expect((await communityCompanions(reader, { q: '100%_' }, db)).map((c) => c.id)).not.toContain(quiet.id);
    const ids = (list: { id: string }[]) => list.map((c) => c.id);
    expect(ids(await withUser(reader, listCompanions, db))).not.toContain(busy.id);
    expect(ids(await personaList(admin, {}, db))).not.toContain(busy.id);
    expect(ids(tagged)).not.toContain(hidden.id);
    await expect(communityCompanions(reader, { q: 'x'.repeat(500) }, db)).rejects.toMatchObject({ status: 400 });
  });

  it('imports a Character Card through the admin path’s parser and caps, as a private companion, and refuses the red team’s', async () => {
    const owner = await createTestUser(db, 'importer');
    const card = {
      spec: 'chara_card_v3',
      spec_version: '3.0',
      data: {
        name: `Pixel ${run}`,
        description: 'A small robot who paints.',
        first_mes: 'Beep.',
        tags: ['robots'],
        extensions: { nested: { deeper: [{ deepest: ['json'] }] } },
      },
    };
    const png = withTextChunks(solidPng(16, '#336699'), { ccv3: Buffer.from(JSON.stringify(card)).toString('base64') });
    const imported = await importOwnCard(owner, png, db);
    expect(imported).toMatchObject({
      name: `Pixel ${run}`,
      instructions: 'A small robot who paints.',
      greeting: 'Beep.',
      audience: 'private',
      model,
      avatarUrl: expect.stringMatching(/^\/api\/avatars\//),
    });

    const count = async () =>
      (
        await db.query<{ n: number }>('select count(*)::int as n from hearth.companions where owner_id = $1', [
          owner.id,
        ])
      )[0]!.n;
    const before = await count();
    const hostile = [
      utf8(JSON.stringify({ spec: 'chara_card_v2', data: { name: 'Nul\u0000', description: 'x', first_mes: 'x' } })),
      utf8(JSON.stringify({ spec: 'chara_card_v2', data: { name: 'Nested', description: { a: { b: ['c'] } } } })),
      utf8(JSON.stringify({ spec: 'chara_card_v2', data: { name: 'Empty', description: '', first_mes: 'Hi' } })),
      withTextChunks(pngBomb(20_000), { chara: Buffer.from(JSON.stringify(card)).toString('base64') }),
      new Uint8Array(5 * 1024 * 1024).fill(32),
    ];
    for (const bytes of hostile) {
      const refused = await rejects(importOwnCard(owner, bytes, db));
      expect(toHearthError(refused).status).toBeOneOf([400, 413]);
    }
    expect(await count()).toBe(before);

    // Markup stays text: stored as written, never interpreted by the server.
    const markup = await importOwnCard(
      owner,
      utf8(
        JSON.stringify({
          spec: 'chara_card_v2',
          data: {
            name: `<img src=x onerror=alert(1)> ${run}`,
            description: '<script>alert(1)</script>',
            first_mes: 'Hi',
          },
        }),
      ),
      db,
    );
    expect(markup.instructions).toBe('<script>alert(1)</script>');
  });
});
