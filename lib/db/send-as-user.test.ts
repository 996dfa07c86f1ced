import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@/lib/db';
import { startConversation } from '@/lib/conversations/service';
import { insertMessageStatement, listMessages } from '@/lib/conversations/messages';
import { toHearthError } from '@/lib/errors';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { sendAsUser, withUser } from './scope';
import { inlined, type Param } from './statement';

const WHO = {
  sql: `select current_user as role, coalesce(current_setting('hearth.user_id', true), '') as "userId"`,
  params: [],
};

/**
 * Statements sent in one message carry their user's scope in settings made inside that message:
 * they must end with it, on success and on error, or the next statement on the pooled connection
 * would run as that user. The PostgreSQL side uses a pool of one, so the next statement gets the
 * connection. Their parameters are written in as literals, which must read back as the same
 * values bound parameters give.
 */
describe.each(TEST_DATABASES)('sendAsUser on $name', ({ name, open }) => {
  let db: Database;
  let single: Database;
  let user: { id: string };

  beforeAll(async () => {
    db = await open();
    single = name === 'postgres' ? await openDatabase({ url: process.env.TEST_DATABASE_URL, poolMax: 1 }) : db;
    user = await createTestUser(db, 'send-as-user');
  });
  afterAll(async () => {
    if (single !== db) await single?.close();
    await db?.close();
  });

  it('runs its statements as the user, and the scope ends with the message', async () => {
    const [before] = await single.query(WHO.sql);
    const [[inside] = [], [count] = []] = await sendAsUser(
      user,
      [WHO, { sql: 'select count(*)::int as n from hearth.users', params: [] }],
      single,
    );
    expect(inside).toEqual({ role: 'hearth_user', userId: user.id });
    // RLS shows the user their own account only.
    expect(count).toEqual({ n: 1 });
    expect(await single.query(WHO.sql)).toEqual([before]);
  });

  it('writes nothing and leaves the connection as it was when a statement fails', async () => {
    const conversationId = (await startConversation(user, { companion: 'lucia' }, db)).id;
    const [before] = await single.query(WHO.sql);
    const said = insertMessageStatement({ conversationId, role: 'user', text: 'Lost?', status: 'complete' });
    const refusal = { sql: "select hearth.refuse('HQ409', 'Taken by another message.')", params: [] };
    const failure = sendAsUser(user, [said, WHO, refusal], single);
    await expect(failure).rejects.toMatchObject({ code: 'HQ409' });
    expect(toHearthError(await failure.catch((e: unknown) => e))).toMatchObject({
      code: 'conflict',
      message: 'Taken by another message.',
    });
    expect(await single.query(WHO.sql)).toEqual([before]);
    // Only the greeting: the message inserted before the refusal went with it.
    const messages = await withUser(user, (tx) => listMessages(tx, conversationId), db);
    expect(messages.map((m) => m.role)).toEqual(['assistant']);
  });

  it('reads every parameter written in as the value a bound parameter gives', async () => {
    const texts = [
      "it's",
      'back\\slash',
      "'; drop table hearth.users; --",
      'naïve 日本 🎉',
      '',
      "\\'\\",
      '$1 $2',
      '{a,"b"}',
    ];
    const cases: [Param, string][] = [
      ...texts.map((t): [Param, string] => [t, 'text']),
      [42, 'integer'],
      [-1.5e-7, 'float8'],
      [true, 'boolean'],
      [null, 'text'],
      [texts, 'text[]'],
      [['a', null, 'NULL', ' spaced ', ''], 'text[]'],
      [[], 'text[]'],
      [[crypto.randomUUID()], 'uuid[]'],
    ];
    for (const [value, type] of cases) {
      const statement = { sql: `select $1::${type} as v`, params: [value] };
      const [[bound]] = [await single.query(statement.sql, [value])];
      const [[written] = []] = await sendAsUser(user, [statement], single);
      expect(written, `${JSON.stringify(value)} as ${type}`).toEqual(bound);
    }
  });
});

describe('inlined', () => {
  it('refuses what it cannot write faithfully', () => {
    expect(() => inlined({ sql: 'select $1, $2', params: ['one'] })).toThrow(/\$2/);
    expect(() => inlined({ sql: 'select $1', params: [Number.NaN] })).toThrow(/NaN/);
    expect(() => inlined({ sql: 'select $1', params: ['a\0b'] })).toThrow(/NUL/);
  });

  it('writes $10 as the tenth parameter, not the first followed by a zero', () => {
    const params = Array.from({ length: 10 }, (_, i) => String(i + 1));
    expect(inlined({ sql: 'select $10, $1', params })).toBe("select '10', '1'");
  });
});
