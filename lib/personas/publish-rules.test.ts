import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db';
import { withUser } from '@/lib/db/scope';
import { PUBLISH_NEEDS_INSTRUCTIONS, toHearthError } from '@/lib/errors';
import { makeAdmin } from '@/lib/testing/admin-user';
import { TEST_DATABASES } from '@/lib/testing/databases';
import { rejects } from '@/lib/testing/rejection';
import { DEFAULT_PERSONA } from '@/lib/personas/schemas';
import { importCard } from '@/lib/personas/cards';
import { archivePersona, createPersona, savePersona, setVisibility } from '@/lib/personas/service';

// The PostgreSQL test database outlives a run: slugs carry a per-run suffix.
const run = crypto.randomUUID().slice(0, 8);
const refusal = { code: 'bad_request', param: 'fields.instructions', message: PUBLISH_NEEDS_INSTRUCTIONS };

describe.each(TEST_DATABASES)('publishing needs system instructions, on $name', ({ open }) => {
  let db: Database;
  let admin: { id: string; role: 'admin' };
  const count = async () => (await db.query<{ n: number }>('select count(*)::int as n from hearth.companions'))[0]!.n;

  beforeAll(async () => {
    db = await open();
    admin = await makeAdmin(db, 'publisher');
  });
  afterAll(() => db?.close());

  it('the service refuses to create, publish or empty a published persona without instructions', async () => {
    const before = await count();
    const created = await rejects(
      createPersona(
        admin,
        { ...DEFAULT_PERSONA, name: 'Blank', slug: `blank-${run}`, visibility: 'published' },
        { db },
      ),
    );
    expect(created).toMatchObject(refusal);
    expect(await count()).toBe(before);

    // A card with no definition imports as a draft; publishing it is refused until it has instructions.
    const card = { spec: 'chara_card_v2', spec_version: '2.0', data: { name: `Empty ${run}`, first_mes: 'Hi.' } };
    const { persona } = await importCard(admin, new TextEncoder().encode(JSON.stringify(card)), 'empty.json', db);
    expect(persona.instructions).toBe('');
    expect(await rejects(setVisibility(admin, persona.id, 'published', db))).toMatchObject(refusal);
    const whitespace = { ...DEFAULT_PERSONA, name: persona.name, slug: persona.slug, instructions: ' \n ' };
    expect(
      await rejects(savePersona(admin, persona.id, { ...whitespace, visibility: 'published' }, null, { db })),
    ).toMatchObject(refusal);

    const fields = { ...whitespace, instructions: 'You are a friendly robot.', visibility: 'published' as const };
    const published = await savePersona(admin, persona.id, fields, null, { db });
    expect(published.visibility).toBe('published');
    expect(await rejects(savePersona(admin, persona.id, { ...fields, instructions: '' }, null, { db }))).toMatchObject(
      refusal,
    );
  });

  it('the database refuses the same change from any other path, as a clear 400', async () => {
    const draft = await createPersona(admin, { ...DEFAULT_PERSONA, name: 'Raw', slug: `raw-${run}` }, { db });
    const error = await rejects(
      withUser(
        admin,
        (tx) => tx.query("update hearth.companions set visibility = 'published' where id = $1", [draft.id]),
        db,
      ),
    );
    expect((error as { code?: string }).code).toBe('HQ422');
    expect(toHearthError(error)).toMatchObject({ ...refusal, status: 400 });
    const inserted = await rejects(
      db.query(
        `insert into hearth.companions (slug, name, tagline, description, instructions, greeting, avatar_url, visibility)
         values ($1, 'Raw', '', '', '', 'Hi', '/a.svg', 'published')`,
        [`raw-insert-${run}`],
      ),
    );
    expect((inserted as { code?: string }).code).toBe('HQ422');
  });

  it('a persona published before the rule can still be archived, restored and unpublished', async () => {
    const legacy = await createPersona(
      admin,
      { ...DEFAULT_PERSONA, name: 'Legacy', slug: `legacy-${run}`, instructions: 'x', visibility: 'published' },
      { db },
    );
    await db.query('alter table hearth.companions disable trigger companions_publish_rules');
    await db.query("update hearth.companions set instructions = '' where id = $1", [legacy.id]);
    await db.query('alter table hearth.companions enable trigger companions_publish_rules');

    expect((await archivePersona(admin, legacy.id, true, db)).archivedAt).not.toBeNull();
    expect((await archivePersona(admin, legacy.id, false, db)).archivedAt).toBeNull();
    expect((await setVisibility(admin, legacy.id, 'draft', db)).visibility).toBe('draft');
    expect(await rejects(setVisibility(admin, legacy.id, 'published', db))).toMatchObject(refusal);
  });
});
