import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteAccount } from '@/lib/auth/account';
import type { Database } from '@/lib/db';
import { withAnon, withUser } from '@/lib/db/scope';
import { makeAdmin } from '@/lib/testing/admin-user';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { getPersonaFor } from './persona-queries';
import { loadCompanionPersona, loadPersona, overridePersona, updatePersona, useUsualPersona } from './persona';

describe.each(TEST_DATABASES)('a person’s persona on $name', ({ open }) => {
  let db: Database;
  let companions: { id: string; slug: string }[];
  beforeAll(async () => {
    db = await open();
    companions = await db.query<{ id: string; slug: string }>(
      "select id::text, slug from hearth.companions where visibility = 'published' order by slug limit 2",
    );
  });
  afterAll(() => db?.close());
  const knownBy = (user: { id: string }, companionId: string) =>
    withUser(user, (tx) => getPersonaFor(tx, companionId), db);

  it('keeps the usual persona, changes only the parts sent, and removes an empty one', async () => {
    const user = await createTestUser(db, 'persona');
    expect(await loadPersona(user, db)).toEqual({ name: null, pronouns: null, about: null });
    await updatePersona(user, { name: ' Sam ', pronouns: 'they/them', about: 'I teach piano.' }, db);
    expect(await updatePersona(user, { pronouns: 'she/her' }, db)).toEqual({
      name: 'Sam',
      pronouns: 'she/her',
      about: 'I teach piano.',
    });
    expect(await knownBy(user, companions[0]!.id)).toEqual({
      name: 'Sam',
      pronouns: 'she/her',
      about: 'I teach piano.',
    });

    await updatePersona(user, { name: '', pronouns: null, about: '   ' }, db);
    const [{ n } = { n: -1 }] = await db.query<{ n: number }>(
      'select count(*)::int as n from hearth.user_personas where user_id = $1',
      [user.id],
    );
    expect(n).toBe(0);
    expect(await knownBy(user, companions[0]!.id)).toBeNull();
  });

  it('refuses NUL, 100 KB and objects with a 400 that names the field, and writes nothing', async () => {
    const user = await createTestUser(db, 'refused');
    await updatePersona(user, { name: 'Kept' }, db);
    for (const input of [
      { about: 'a\u0000b' },
      { about: 'x'.repeat(100_000) },
      { name: { nested: { deeper: ['json'] } } },
      { name: 'Sam', role: 'admin' },
      null,
      '{"name":"Sam"}',
    ])
      await expect(updatePersona(user, input, db)).rejects.toMatchObject({ status: 400 });
    expect(await loadPersona(user, db)).toEqual({ name: 'Kept', pronouns: null, about: null });
  });

  it('lets an override for one companion win whole, and going back to the usual persona undo it', async () => {
    const user = await createTestUser(db, 'override');
    const [first, second] = companions;
    await updatePersona(user, { name: 'Samantha', pronouns: 'she/her', about: 'Usual me.' }, db);
    // An empty part of an override means "do not tell": it does not fall back to the usual persona.
    await overridePersona(user, first!.slug, { name: 'Sam', pronouns: '', about: null }, db);

    expect(await knownBy(user, first!.id)).toEqual({ name: 'Sam', pronouns: null, about: null });
    expect(await knownBy(user, second!.id)).toEqual({ name: 'Samantha', pronouns: 'she/her', about: 'Usual me.' });
    expect(await loadCompanionPersona(user, first!.slug, db)).toMatchObject({
      companion: { id: first!.id, slug: first!.slug },
      usual: { name: 'Samantha' },
      override: { name: 'Sam', pronouns: null, about: null },
    });
    await overridePersona(user, first!.id, { name: 'Sammy' }, db); // by id too; replaces the override
    expect(await knownBy(user, first!.id)).toEqual({ name: 'Sammy', pronouns: null, about: null });

    await useUsualPersona(user, first!.slug, db);
    expect((await loadCompanionPersona(user, first!.slug, db)).override).toBeNull();
    expect(await knownBy(user, first!.id)).toMatchObject({ name: 'Samantha' });
    await expect(overridePersona(user, 'no-such-companion', { name: 'x' }, db)).rejects.toMatchObject({
      status: 404,
    });
  });

  it('shows and changes only one’s own persona and overrides, whatever raw SQL tries', async () => {
    const alice = await createTestUser(db, 'alice');
    const mallory = await createTestUser(db, 'mallory');
    await updatePersona(alice, { name: 'Alice', about: 'Private lines.' }, db);
    await overridePersona(alice, companions[0]!.slug, { name: 'Al' }, db);

    await withUser(
      mallory,
      async (tx) => {
        expect(await tx.query('select * from hearth.user_personas')).toEqual([]);
        expect(await tx.query("update hearth.user_personas set about = 'pwned' returning id")).toEqual([]);
        expect(await tx.query('delete from hearth.user_personas returning id')).toEqual([]);
        // What a companion knows of Mallory is Mallory's, even asked about Alice's conversation partner.
        expect(await getPersonaFor(tx, companions[0]!.id)).toBeNull();
      },
      db,
    );
    const claimed = withUser(
      mallory,
      (tx) => tx.query("insert into hearth.user_personas (user_id, name) values ($1, 'Mallory as Alice')", [alice.id]),
      db,
    );
    await expect(claimed).rejects.toMatchObject({ code: '42501' });
    await expect(withAnon((tx) => tx.query('select * from hearth.user_personas'), db)).rejects.toMatchObject({
      code: '42501',
    });
    expect(await loadPersona(alice, db)).toEqual({ name: 'Alice', pronouns: null, about: 'Private lines.' });
    expect(await knownBy(alice, companions[0]!.id)).toMatchObject({ name: 'Al' });
  });

  it('keeps a persona from admins too: they may read every users row, not this', async () => {
    const person = await createTestUser(db, 'private');
    await updatePersona(person, { about: 'Only my companions read this.' }, db);
    const admin = await makeAdmin(db, 'admin');
    const seen = await withUser(
      admin,
      async (tx) => ({
        users: await tx.query('select id from hearth.users where id = $1', [person.id]),
        personas: await tx.query('select * from hearth.user_personas'),
      }),
      db,
    );
    expect(seen.users).toHaveLength(1);
    expect(seen.personas).toEqual([]);
  });

  it('holds the database to the same caps, and deletes everything with the account', async () => {
    const user = await createTestUser(db, 'caps');
    const insert = (column: string, value: string) =>
      withUser(user, (tx) => tx.query(`insert into hearth.user_personas (${column}) values ($1)`, [value]), db);
    await expect(insert('about', 'x'.repeat(1001))).rejects.toMatchObject({ code: '23514' });
    await expect(insert('name', 'x'.repeat(61))).rejects.toMatchObject({ code: '23514' });
    await expect(insert('pronouns', '')).rejects.toMatchObject({ code: '23514' });

    await updatePersona(user, { name: 'Gone soon' }, db);
    await overridePersona(user, companions[0]!.slug, { name: 'Also gone' }, db);
    await deleteAccount(user, { db });
    const left = await db.query('select id from hearth.user_personas where user_id = $1', [user.id]);
    expect(left).toEqual([]);
  });
});
