import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@/lib/db';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { sqlLiteral, sqlTextArray } from './literal';
import { readAsUser } from './scope';

const WHO = `select current_user as role, coalesce(current_setting('hearth.user_id', true), '') as "userId"`;

/**
 * A read in one message carries its user's scope in settings made inside that message: they must
 * end with it, on success and on error, or the next statement on the pooled connection would run
 * as that user. The PostgreSQL side uses a pool of one, so the next statement gets the connection.
 */
describe.each(TEST_DATABASES)('readAsUser on $name', ({ name, open }) => {
  let db: Database;
  let single: Database;
  let user: { id: string };

  beforeAll(async () => {
    db = await open();
    single = name === 'postgres' ? await openDatabase({ url: process.env.TEST_DATABASE_URL, poolMax: 1 }) : db;
    user = await createTestUser(db, 'read-as-user');
  });
  afterAll(async () => {
    if (single !== db) await single?.close();
    await db?.close();
  });

  it('runs its statements as the user, and the scope ends with the message', async () => {
    const [before] = await single.query(WHO);
    const [[inside] = [], [count] = []] = await readAsUser(
      user,
      [WHO, 'select count(*)::int as n from hearth.users'],
      single,
    );
    expect(inside).toEqual({ role: 'hearth_user', userId: user.id });
    // RLS shows the user their own account only.
    expect(count).toEqual({ n: 1 });
    expect(await single.query(WHO)).toEqual([before]);
  });

  it('leaves the connection as it was when a statement fails', async () => {
    const [before] = await single.query(WHO);
    await expect(readAsUser(user, [WHO, 'select 1 / 0'], single)).rejects.toThrow(/division by zero/);
    expect(await single.query(WHO)).toEqual([before]);
  });

  it('reads back every literal as it was written', async () => {
    const values = ["it's", 'back\\slash', "'; drop table hearth.users; --", 'naïve 日本 🎉', '', "\\'\\"];
    const [rows] = await readAsUser(
      user,
      [`select unnest(${sqlTextArray(values)}) as v, ${sqlLiteral(values[2]!)} as single`],
      single,
    );
    expect(rows!.map((r) => r.v)).toEqual(values);
    expect(rows![0]!.single).toBe(values[2]);
    expect(() => sqlLiteral('a\0b')).toThrow(/NUL/);
  });
});
