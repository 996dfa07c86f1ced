import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, openPostgres, type Database } from '@/lib/db/client';
import { listConversations } from '@/lib/conversations/queries';
import { listMessages } from '@/lib/conversations/messages';
import { migrate } from '@/lib/db/migrate';
import { withUser } from '@/lib/db/scope';
import { asRole, createSupabaseShapedDatabase, supabaseDbPush, withClient } from '@/lib/testing/supabase/shape';

/**
 * A database as Hearth left it at f137dcb (everything in public, the old ledger, grants to anon and
 * authenticated), with people's data in it, takes the new migrations: every row is kept, nothing
 * is left in public, and no Supabase role keeps a grant. On PGlite always; on a fresh plain
 * PostgreSQL database and a fresh Supabase-shaped one when TEST_POSTGRES_ADMIN_URL (a superuser)
 * is set.
 */
const ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL;
if (!ADMIN_URL) console.warn('[upgrade] TEST_POSTGRES_ADMIN_URL is not set: the upgrade is tested on PGlite only.');

const MIGRATIONS = path.join(process.cwd(), 'supabase', 'migrations');
const F137DCB_LAST = '20261203050000';
const TABLES = [
  'users',
  'companions',
  'conversations',
  'messages',
  'api_keys',
  'api_usage',
  'memories',
  'memory_settings',
  'uploads',
  'calls',
  'call_turns',
  'audit_log',
  'rate_limit_counters',
];

type Case = { name: string; open: () => Promise<{ db: Database; cleanup: () => Promise<void> }> };

const run = crypto.randomUUID().slice(0, 8);
const CASES: Case[] = [
  {
    name: 'PGlite',
    open: async () => {
      const db = await openPglite();
      return { db, cleanup: () => db.close() };
    },
  },
  ...(ADMIN_URL
    ? [
        {
          name: 'plain PostgreSQL',
          open: async () => {
            const name = `hearth_upgrade_${run}`;
            await withClient(ADMIN_URL, (c) => c.query(`create database ${name}`));
            const db = await openPostgres(asRole(ADMIN_URL, new URL(ADMIN_URL).username, name));
            return {
              db,
              cleanup: async () => {
                await db.close();
                await dropDatabase(name);
              },
            };
          },
        },
        {
          name: 'a Supabase-shaped database',
          open: async () => {
            const name = `hearth_upgrade_sb_${run}`;
            const { ownerUrl } = await createSupabaseShapedDatabase(ADMIN_URL, name);
            // At f137dcb a deployer ran `supabase db push`, then the app booted and applied every file again.
            await supabaseDbPush(ownerUrl, { until: F137DCB_LAST });
            const db = await openPostgres(ownerUrl);
            return {
              db,
              cleanup: async () => {
                await db.close();
                await dropDatabase(name);
              },
            };
          },
        },
      ]
    : []),
];

async function dropDatabase(name: string) {
  await withClient(ADMIN_URL!, (c) => c.query(`drop database if exists ${name} with (force)`));
}

/** What f137dcb's runner did: its own ledger in public, every file up to its last one. */
async function migrateAsF137dcb(db: Database): Promise<void> {
  await db.exec(
    'create table if not exists public.hearth_migrations (version text primary key, applied_at timestamptz not null default now())',
  );
  for (const file of (await readdir(MIGRATIONS)).filter((f) => /^\d{14}_.*\.sql$/.test(f)).sort()) {
    const version = file.slice(0, 14);
    if (version > F137DCB_LAST) break;
    const sql = await readFile(path.join(MIGRATIONS, file), 'utf8');
    await db.transaction(async (tx) => {
      await tx.exec(sql);
      await tx.query('insert into public.hearth_migrations (version) values ($1) on conflict do nothing', [version]);
    });
  }
  await db.exec(
    await readFile(path.join(process.cwd(), 'supabase', 'seed.sql'), 'utf8').then((s) =>
      s.replaceAll('hearth.companions', 'public.companions'),
    ),
  );
}

/** People's data, written the way f137dcb wrote it: sign-up through anon's function, the rest as authenticated with claims. */
async function writeOldData(db: Database): Promise<{ userId: string; conversationId: string }> {
  const asRoleWith = <T>(
    role: string,
    sub: string | null,
    fn: (tx: Parameters<Parameters<Database['transaction']>[0]>[0]) => Promise<T>,
  ) =>
    db.transaction(async (tx) => {
      await tx.query("select set_config('request.jwt.claims', $1, true), set_config('role', $2, true)", [
        sub ? JSON.stringify({ sub, role }) : '',
        role,
      ]);
      return fn(tx);
    });
  const register = (email: string) =>
    asRoleWith(
      'anon',
      null,
      async (tx) =>
        (
          await tx.query<{ id: string }>("select public.auth_register_user($1, 'Old', 'hash', false) as id", [email])
        )[0]!.id,
    );
  const userId = await register(`old-${run}@example.com`);
  const other = await register(`other-${run}@example.com`);
  await db.query("update public.users set role = 'admin' where id = $1", [other]);
  const conversationId = await asRoleWith('authenticated', userId, async (tx) => {
    const [companion] = await tx.query<{ id: string }>('select id from public.companions order by slug limit 1');
    const [conversation] = await tx.query<{ id: string }>(
      "insert into public.conversations (companion_id, model, title) values ($1, 'offline/hearth-demo', 'Old times') returning id",
      [companion!.id],
    );
    for (const [role, text] of [
      ['assistant', 'Hello'],
      ['user', 'I live in Lisbon'],
      ['assistant', 'Lovely city'],
    ] as const) {
      await tx.query(
        "insert into public.messages (conversation_id, role, parts) values ($1, $2, jsonb_build_array(jsonb_build_object('type', 'text', 'text', $3::text)))",
        [conversation!.id, role, text],
      );
    }
    await tx.query("insert into public.api_keys (name, prefix, key_hash) values ('old key', 'hk_old', $1)", [
      'a'.repeat(64),
    ]);
    await tx.query(
      "insert into public.memories (companion_id, kind, subject, content) values ($1, 'fact', 'home_city', 'Lives in Lisbon')",
      [companion!.id],
    );
    await tx.query('insert into public.memory_settings (companion_id, enabled) values ($1, true)', [companion!.id]);
    await tx.query(
      "insert into public.uploads (kind, media_type, size_bytes, path, conversation_id) values ('image', 'image/png', 10, $1, $2)",
      [`${userId}/${crypto.randomUUID()}.png`, conversation!.id],
    );
    const [call] = await tx.query<{ id: string }>(
      "insert into public.calls (companion_id, conversation_id, language) values ($1, $2, 'en-US') returning id",
      [companion!.id, conversation!.id],
    );
    await tx.query("insert into public.call_turns (call_id, input) values ($1, 'text')", [call!.id]);
    await tx.query("insert into public.api_usage (model, status) values ('offline/hearth-demo', 'complete')");
    return conversation!.id;
  });
  await db.query("insert into public.audit_log (action, target_type, target_id) values ('user.update', 'user', $1)", [
    other,
  ]);
  await db.query("select * from public.rate_limit_take(array['rpm:user:old'], array[10], array[60000], now())");
  return { userId, conversationId };
}

// Password hashes left hearth.users for hearth.user_credentials (20261207040000): read back beside their rows.
const MOVED: Record<string, string> = {
  users: '(select u.*, c.password_hash from hearth.users u left join hearth.user_credentials c on c.user_id = u.id)',
};

/** A digest per table of every row, over the columns it had before, in a stable order. */
async function digests(
  db: Database,
  schema: string,
  columns?: Record<string, string[]>,
): Promise<Record<string, { rows: number; digest: string; columns: string[] }>> {
  const result: Record<string, { rows: number; digest: string; columns: string[] }> = {};
  for (const table of TABLES) {
    const cols =
      columns?.[table] ??
      (
        await db.query<{ name: string }>(
          'select column_name as name from information_schema.columns where table_schema = $1 and table_name = $2 order by ordinal_position',
          [schema, table],
        )
      ).map((c) => c.name);
    const list = cols.map((c) => `"${c}"`).join(', ');
    const [row] = await db.query<{ rows: number; digest: string }>(
      `select count(*)::int as rows, md5(coalesce(string_agg(x, E'\\n' order by x), '')) as digest
         from (select row(${list})::text as x from ${schema === 'hearth' && MOVED[table] ? MOVED[table] : `${schema}.${table}`} t) s`,
    );
    result[table] = { ...row!, columns: cols };
  }
  return result;
}

describe.each(CASES)('upgrading a database of f137dcb on $name', ({ open }) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterAll(() => cleanup?.());

  it('keeps every row, leaves nothing in public and no grant to a Supabase role, and the app reads the old data', async () => {
    const opened = await open();
    cleanup = opened.cleanup;
    const { db } = opened;
    await migrateAsF137dcb(db);
    const old = await writeOldData(db);
    const before = await digests(db, 'public');
    expect(before.messages!.rows).toBeGreaterThanOrEqual(3);

    const applied = await migrate(db);
    expect(applied.length).toBeGreaterThan(0);
    expect(applied.every((file) => file.slice(0, 14) > F137DCB_LAST)).toBe(true);
    expect(await migrate(db)).toEqual([]);

    const after = await digests(
      db,
      'hearth',
      Object.fromEntries(Object.entries(before).map(([t, d]) => [t, d.columns])),
    );
    expect(after).toEqual(before);

    const leftInPublic = await db.query(
      "select c.relname from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'v', 'm', 'S')",
    );
    expect(leftInPublic).toEqual([]);
    const functionsInPublic = await db.query(
      "select p.proname from pg_proc p where p.pronamespace = 'public'::regnamespace and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')",
    );
    expect(functionsInPublic).toEqual([]);
    const grants = await db.query<{ what: string }>(
      `select format('%s on %s', r.rolname, c.oid::regclass) as what
         from pg_class c cross join pg_roles r
        where c.relnamespace = 'hearth'::regnamespace and c.relkind in ('r', 'v', 'm')
          and r.rolname in ('anon', 'authenticated', 'service_role')
          and (has_table_privilege(r.oid, c.oid, 'select, insert, update, delete, truncate, references, trigger')
               or has_any_column_privilege(r.oid, c.oid, 'select, insert, update, references'))
       union all
       select format('%s may execute %s', r.rolname, p.oid::regprocedure) from pg_proc p cross join pg_roles r
        where p.pronamespace = 'hearth'::regnamespace and r.rolname in ('anon', 'authenticated', 'service_role')
          and has_function_privilege(r.oid, p.oid, 'execute')`,
    );
    expect(grants).toEqual([]);

    // One ledger: the old one is gone, its versions carried over, each file recorded once.
    expect(await db.query("select to_regclass('public.hearth_migrations') as old")).toEqual([{ old: null }]);
    const ledger = await db.query<{ version: string; n: number }>(
      'select version, count(*)::int as n from supabase_migrations.schema_migrations group by version',
    );
    const files = (await readdir(MIGRATIONS))
      .filter((f) => /^\d{14}_.*\.sql$/.test(f))
      .map((f) => f.slice(0, 14))
      .sort();
    expect(ledger.map((r) => r.version).sort()).toEqual(files);

    const user = { id: old.userId };
    const conversations = await withUser(user, (tx) => listConversations(tx), db);
    expect(conversations.items.map((c) => c.id)).toEqual([old.conversationId]);
    const messages = await withUser(user, (tx) => listMessages(tx, old.conversationId), db);
    expect(messages.flatMap((m) => m.parts.map((p) => ('text' in p ? p.text : '')))).toEqual(
      expect.arrayContaining(['I live in Lisbon', 'Lovely city']),
    );
  });
});

describe.skipIf(!ADMIN_URL)('upgrading a Supabase project with supabase db push, then booting the app', () => {
  const name = `hearth_upgrade_push_${run}`;
  afterAll(() => dropDatabase(name));

  it('applies each new file once, whichever of the two gets there first', async () => {
    const { ownerUrl } = await createSupabaseShapedDatabase(ADMIN_URL!, name);
    await supabaseDbPush(ownerUrl, { until: F137DCB_LAST });
    const db = await openPostgres(ownerUrl);
    try {
      await migrateAsF137dcb(db); // the old app's boot: every file again, into its own ledger
      const pushed = await supabaseDbPush(ownerUrl);
      expect(pushed.length).toBeGreaterThan(0);
      expect(await migrate(db)).toEqual([]);
      expect(await supabaseDbPush(ownerUrl)).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
