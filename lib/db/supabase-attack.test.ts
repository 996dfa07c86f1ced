import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@/lib/db';
import { createConversation } from '@/lib/conversations/queries';
import { insertMessage } from '@/lib/conversations/messages';
import { listCompanions } from '@/lib/companions/queries';
import { withUser } from '@/lib/db/scope';
import { createTestUser } from '@/lib/testing/databases';
import { asRole } from '@/lib/testing/supabase/shape';

/**
 * Supabase's Data API, attacked in raw SQL. Whatever a project's settings (Data API on, Hearth's
 * schema exposed by mistake, Auth sign-ups open), a caller holding the anon key or a Supabase
 * Auth token runs as `anon` or `authenticated` with their token's claims, connected as
 * `authenticator` the way PostgREST connects. As each of them, this tries every table, sequence and
 * function the migrations made (found in the catalog, so a new table is attacked too) and every
 * known way to become admin; none may succeed. TEST_SUPABASE_DATABASE_URL is the project owner's
 * URL of a Supabase-shaped database (lib/testing/supabase/shape.sql) that Hearth's migrations were
 * pushed to; .ci/run makes one.
 */
const OWNER_URL = process.env.TEST_SUPABASE_DATABASE_URL;
if (!OWNER_URL) console.warn('[supabase-attack] TEST_SUPABASE_DATABASE_URL is not set: the attack suite is skipped.');

type Identity = { name: string; role: string; claims: () => object | null; hearthUserId?: () => string };
type Target = { schema: string; name: string; kind: 'table' | 'view' | 'sequence' };
type Routine = { signature: string; call: string };

const SYSTEM_SCHEMAS = [
  'pg_catalog',
  'information_schema',
  'pg_toast',
  'auth',
  'storage',
  'extensions',
  'graphql_public',
];
const PERMISSION_DENIED = '42501';

describe.skipIf(!OWNER_URL)('the Supabase Data API against Hearth, in raw SQL', () => {
  let db: Database;
  let api: pg.Client;
  let victim: { id: string };
  let victimConversation: string;
  let targets: Target[];
  let routines: Routine[];
  let attempts = 0;
  const breaches: string[] = [];

  const identities: Identity[] = [
    { name: 'anon', role: 'anon', claims: () => ({ role: 'anon' }) },
    {
      name: "a Supabase user whose sub is a Hearth user's id",
      role: 'authenticated',
      claims: () => ({ sub: victim.id, role: 'authenticated' }),
    },
    {
      name: 'a Supabase user who is nobody in Hearth',
      role: 'authenticated',
      claims: () => ({ sub: crypto.randomUUID(), role: 'authenticated' }),
    },
    {
      name: "a Supabase user who also sets hearth.user_id to a Hearth user's id",
      role: 'authenticated',
      claims: () => ({ sub: victim.id, role: 'authenticated' }),
      hearthUserId: () => victim.id,
    },
  ];

  /** Runs sql as the identity, as PostgREST would (role and claims for this transaction), and rolls back. */
  async function as(
    identity: Identity,
    sql: string,
  ): Promise<{ rows: unknown[] } | { error: { code?: string; message: string } }> {
    attempts++;
    await api.query('begin');
    try {
      await api.query(`set local role ${identity.role}`);
      await api.query(
        "select set_config('request.jwt.claims', $1, true), set_config('request.jwt.claim.sub', $2, true), set_config('hearth.user_id', $3, true)",
        [
          JSON.stringify(identity.claims()),
          (identity.claims() as { sub?: string }).sub ?? '',
          identity.hearthUserId?.() ?? '',
        ],
      );
      return { rows: (await api.query(sql)).rows };
    } catch (error) {
      return { error: error as { code?: string; message: string } };
    } finally {
      await api.query('rollback');
    }
  }

  async function expectRefused(identity: Identity, sql: string, codes = [PERMISSION_DENIED]): Promise<void> {
    const outcome = await as(identity, sql);
    if (!('error' in outcome) || !codes.includes(outcome.error.code ?? '')) {
      breaches.push(
        `${identity.name}: ${sql} -> ${'error' in outcome ? `${outcome.error.code} ${outcome.error.message}` : `${outcome.rows.length} row(s)`}`,
      );
    }
  }

  beforeAll(async () => {
    db = await openDatabase({ url: OWNER_URL });
    victim = await createTestUser(db, 'victim');
    await withUser(
      victim,
      async (tx) => {
        const [companion] = await listCompanions(tx);
        const conversation = await createConversation(tx, {
          companionId: companion!.id,
          model: 'offline/hearth-demo',
          language: 'en-US',
          greeting: 'hi',
        });
        victimConversation = conversation.id;
        await insertMessage(tx, {
          conversationId: conversation.id,
          role: 'user',
          text: 'my secret',
          status: 'complete',
        });
      },
      db,
    );
    // A stored file under the victim's id, as the server (service role) would have put it.
    await db.query("insert into storage.objects (bucket_id, name) values ('hearth-media', $1)", [
      `${victim.id}/${crypto.randomUUID()}.png`,
    ]);

    // Everything Hearth's migrations made, wherever it lives: the catalog, not a list kept by hand.
    const relations = await db.query<{ schema: string; name: string; relkind: string }>(
      `select n.nspname as schema, c.relname as name, c.relkind
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p', 'v', 'm', 'S') and n.nspname <> all ($1) and n.nspname not like 'pg\\_%'
        order by 1, 2`,
      [SYSTEM_SCHEMAS],
    );
    targets = relations.map((r) => ({
      schema: r.schema,
      name: r.name,
      kind: r.relkind === 'S' ? 'sequence' : r.relkind === 'r' || r.relkind === 'p' ? 'table' : 'view',
    }));
    const functions = await db.query<{ signature: string; call: string }>(
      `select p.oid::regprocedure::text as signature,
              format('select %I.%I(%s)', n.nspname, p.proname,
                     (select string_agg(format('null::%s', format_type(t, null)), ', ') from unnest(p.proargtypes::oid[]) t)) as call
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname <> all ($1) and n.nspname not like 'pg\\_%' and p.prokind = 'f'
          and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')`,
      [SYSTEM_SCHEMAS],
    );
    routines = functions;
    api = new pg.Client({ connectionString: asRole(OWNER_URL!, 'authenticator') });
    await api.connect();
  });

  afterAll(async () => {
    console.log(
      `[supabase-attack] ${attempts} attempts on ${targets?.length} relations and ${routines?.length} functions; ${breaches.length} succeeded`,
    );
    await api?.end();
    await db?.close();
  });

  it("finds Hearth's tables where the attacks look for them", () => {
    const names = targets.map((t) => `${t.schema}.${t.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'hearth.users',
        'hearth.messages',
        'hearth.api_keys',
        'supabase_migrations.schema_migrations',
      ]),
    );
    expect(routines.map((r) => r.signature)).toEqual(
      expect.arrayContaining(['hearth.auth_credentials(text)', 'hearth.is_admin()']),
    );
  });

  it('reads, writes, empties or advances nothing of Hearth as any of them', async () => {
    for (const identity of identities) {
      for (const t of targets) {
        const name = `${pg.escapeIdentifier(t.schema)}.${pg.escapeIdentifier(t.name)}`;
        if (t.kind === 'sequence') {
          await expectRefused(identity, `select nextval('${name}')`);
          continue;
        }
        await expectRefused(identity, `select * from ${name} limit 1`);
        if (t.kind !== 'table') continue;
        await expectRefused(identity, `insert into ${name} default values`);
        await expectRefused(identity, `update ${name} set ${await firstColumn(t)} = ${await firstColumn(t)}`);
        await expectRefused(identity, `delete from ${name}`);
        await expectRefused(identity, `truncate ${name}`);
      }
    }
    expect(breaches).toEqual([]);
  });

  it('calls none of its functions as any of them', async () => {
    for (const identity of identities) {
      for (const routine of routines) await expectRefused(identity, routine.call);
      // The sign-up, sign-in and key doors of the old public schema are gone, not just closed.
      await expectRefused(identity, "select public.auth_register_user('evil@example.com', 'evil', 'x', false)", [
        '42883',
      ]);
      await expectRefused(identity, "select * from public.auth_credentials('victim@example.com')", ['42883']);
    }
    expect(breaches).toEqual([]);
  });

  it('gives no way to become admin or to take on Hearth’s roles', async () => {
    for (const identity of identities) {
      await expectRefused(identity, "update hearth.users set role = 'admin'");
      await expectRefused(identity, "insert into hearth.users (email, role) values ('evil@example.com', 'admin')");
      await expectRefused(identity, `select * from hearth.admin_update_user('${victim.id}', 'admin', false)`);
      await expectRefused(identity, 'set role hearth_user');
      await expectRefused(identity, 'set role hearth_anon');
      await expectRefused(identity, 'create table hearth.evil (x int)');
      await expectRefused(identity, 'create function hearth.evil() returns int language sql as $$ select 1 $$');
      await expectRefused(identity, `select * from hearth.conversations where id = '${victimConversation}'`);
    }
    expect(breaches).toEqual([]);
    const [row] = await db.query<{ role: string }>('select role from hearth.users where id = $1', [victim.id]);
    expect(row!.role).toBe('user');
  });

  it("opens no stored file to a Supabase user, not even one whose id is the owner's", async () => {
    for (const identity of identities) {
      const read = await as(identity, "select name from storage.objects where bucket_id = 'hearth-media'");
      if (!('rows' in read) || read.rows.length > 0) breaches.push(`${identity.name} read the bucket`);
      await expectRefused(
        identity,
        `insert into storage.objects (bucket_id, name) values ('hearth-media', '${victim.id}/evil.png')`,
      );
      const deleted = await as(identity, "delete from storage.objects where bucket_id = 'hearth-media' returning name");
      if (!('rows' in deleted) || deleted.rows.length > 0) breaches.push(`${identity.name} deleted from the bucket`);
    }
    expect(breaches).toEqual([]);
  });

  it('leaves no privilege on anything of Hearth to PUBLIC, anon, authenticated or service_role, even where the schema gate would stop them', async () => {
    const granted = await db.query<{ what: string }>(
      `with grantees(role) as (values ('anon'), ('authenticated'), ('service_role'), ('authenticator'))
       select format('%s on %s', g.role, c.oid::regclass) as what
         from pg_class c, grantees g
        where c.relnamespace in ('hearth'::regnamespace, 'supabase_migrations'::regnamespace)
          and c.relkind in ('r', 'p', 'v', 'm')
          and (has_table_privilege(g.role, c.oid, 'select, insert, update, delete, truncate, references, trigger')
               or has_any_column_privilege(g.role, c.oid, 'select, insert, update, references'))
       union all
       select format('%s on sequence %s', g.role, c.oid::regclass) from pg_class c, grantees g
        where c.relnamespace = 'hearth'::regnamespace and c.relkind = 'S'
          and has_sequence_privilege(g.role, c.oid, 'usage, select, update')
       union all
       select format('%s may execute %s', g.role, p.oid::regprocedure) from pg_proc p, grantees g
        where p.pronamespace = 'hearth'::regnamespace and has_function_privilege(g.role, p.oid, 'execute')
       union all
       select format('PUBLIC on %s', c.oid::regclass) from pg_class c, aclexplode(c.relacl) a
        where c.relnamespace = 'hearth'::regnamespace and a.grantee = 0
       union all
       select format('PUBLIC may execute %s', p.oid::regprocedure) from pg_proc p
        where p.pronamespace = 'hearth'::regnamespace
          and (p.proacl is null or exists (select 1 from aclexplode(p.proacl) a where a.grantee = 0))
       union all
       select format('%s has usage on schema %s', g.role, s) from grantees g, (values ('hearth'), ('supabase_migrations')) v(s)
        where has_schema_privilege(g.role, s, 'usage')`,
    );
    expect(granted.map((g) => g.what)).toEqual([]);
  });

  async function firstColumn(t: Target): Promise<string> {
    const [column] = await db.query<{ name: string }>(
      `select attname as name from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped order by attnum limit 1`,
      [`${pg.escapeIdentifier(t.schema)}.${pg.escapeIdentifier(t.name)}`],
    );
    return pg.escapeIdentifier(column!.name);
  }
});
