import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAdmin } from '@/lib/auth/grant-admin';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { openPglite, openPostgres, type Database } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { withAnon, withUser } from '@/lib/db/scope';
import { TEST_DATABASES } from '@/lib/testing/databases';
import { asRole, withClient } from '@/lib/testing/supabase/shape';

/**
 * Password hashes are readable by the sign-in functions only (hearth.user_credentials, no grant,
 * no policy). Before 20261207040000 they sat in hearth.users, which the users_admin_read policy
 * shows admins in full.
 */
const CREDENTIALS_VERSION = '20261207040000';
const MIGRATIONS = path.join(process.cwd(), 'supabase', 'migrations');
const run = crypto.randomUUID().slice(0, 8);

async function register(db: Database, email: string, passwordHash: string): Promise<string> {
  const [row] = await withAnon(
    (tx) =>
      tx.query<{ id: string }>('select hearth.auth_register_user($1, $2, $3, false) as id', [
        email,
        'Someone',
        passwordHash,
      ]),
    db,
  );
  return row!.id;
}

/** What sign-in does: the hash by email through anon's function, checked with argon2. */
async function signsIn(db: Database, email: string, password: string): Promise<boolean> {
  const [row] = await withAnon(
    (tx) =>
      tx.query<{ password_hash: string | null }>('select password_hash from hearth.auth_credentials($1)', [email]),
    db,
  );
  return Boolean(row?.password_hash && (await verifyPassword(row.password_hash, password)));
}

describe.each(TEST_DATABASES)('password hashes on $name', ({ open }) => {
  let db: Database;
  let admin: { id: string; role: 'admin' };
  const hashes: string[] = [];
  const email = (label: string) => `${label}-${run}-${crypto.randomUUID().slice(0, 6)}@test.hearth.local`;

  beforeAll(async () => {
    db = await open();
    const adminEmail = email('admin');
    hashes.push(await hashPassword('admin password 1'));
    admin = { id: await register(db, adminEmail, hashes[0]!), role: 'admin' };
    await grantAdmin(db, adminEmail);
    for (const label of ['ada', 'grace']) {
      const hash = await hashPassword(`${label} password 1`);
      hashes.push(hash);
      await register(db, email(label), hash);
    }
  });
  afterAll(() => db?.close());

  it("lets sign-in read a new account's hash, and nobody else", async () => {
    const address = email('new');
    await register(db, address, await hashPassword('correct horse battery'));
    expect(await signsIn(db, address, 'correct horse battery')).toBe(true);
    expect(await signsIn(db, address, 'wrong horse battery')).toBe(false);
  });

  it('keeps every hash out of reach of an admin writing raw SQL in their scope', async () => {
    const found = await withUser(
      admin,
      async (tx) => {
        // Everything hearth_user may select in the schema, row by row as RLS lets an admin see it.
        const columns = await tx.query<{ relation: string; columns: string }>(
          `select c.oid::regclass::text as relation, string_agg(quote_ident(a.attname), ', ' order by a.attnum) as columns
           from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
          where c.relnamespace = 'hearth'::regnamespace and c.relkind in ('r', 'v', 'm', 'p')
            and has_column_privilege('hearth_user', c.oid, a.attnum, 'select')
          group by c.oid`,
        );
        const dumps: string[] = [];
        for (const { relation, columns: list } of columns) {
          const rows = await tx.query<{ row: string }>(`select row(${list})::text as row from ${relation}`);
          dumps.push(...rows.map((r) => `${relation}: ${r.row}`));
        }
        return { relations: columns.map((c) => c.relation), dumps };
      },
      db,
    );
    expect(found.relations).toContain('hearth.users');
    expect(found.relations).not.toContain('hearth.user_credentials');
    // The admin does see every user's row, just not a hash in it.
    expect(found.dumps.filter((d) => d.startsWith('hearth.users:')).length).toBeGreaterThanOrEqual(3);
    for (const hash of hashes) expect(found.dumps.filter((d) => d.includes(hash))).toEqual([]);
    expect(found.dumps.filter((d) => d.includes('$argon2'))).toEqual([]);

    const refused = async (sql: string) =>
      withUser(admin, (tx) => tx.query(sql), db).then(
        () => 'allowed',
        (error: { code?: string }) => error.code,
      );
    expect(await refused('select password_hash from hearth.user_credentials')).toBe('42501');
    expect(await refused('select * from hearth.user_credentials')).toBe('42501');
    expect(await refused('select password_hash from hearth.users')).toBe('42703');
    expect(await refused(`select * from hearth.auth_credentials('ada@test.hearth.local')`)).toBe('42501');
    expect(await refused("update hearth.user_credentials set password_hash = 'x'")).toBe('42501');
  });

  it('has no function that still reads a hash anywhere but hearth.user_credentials', async () => {
    // A migration written against the old column would compile (plpgsql binds late) and fail at sign-in.
    const stale = await db.query<{ fn: string }>(
      `select p.oid::regprocedure::text as fn from pg_proc p
        where p.pronamespace = 'hearth'::regnamespace and p.prosrc ilike '%password_hash%' and p.prosrc not ilike '%user_credentials%'`,
    );
    expect(stale).toEqual([]);
    // Hearth's roles and Supabase's (where they exist) hold nothing on it, and nobody got a grant.
    const grants = await db.query<{ role: string }>(
      `select r.rolname as role from pg_roles r
        where r.rolname in ('hearth_user', 'hearth_anon', 'anon', 'authenticated', 'service_role')
          and (has_table_privilege(r.oid, 'hearth.user_credentials', 'select, insert, update, delete, truncate, references, trigger')
               or has_any_column_privilege(r.oid, 'hearth.user_credentials', 'select, insert, update, references'))`,
    );
    expect(grants).toEqual([]);
    expect(
      await db.query(
        "select relacl from pg_class where oid = 'hearth.user_credentials'::regclass and relacl is not null and array_length(relacl, 1) > 1",
      ),
    ).toEqual([]);
  });
});

const ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL;
type Fresh = { name: string; open: () => Promise<{ db: Database; cleanup: () => Promise<void> }> };
const FRESH: Fresh[] = [
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
          name: 'PostgreSQL',
          open: async () => {
            const name = `hearth_credentials_${run}`;
            await withClient(ADMIN_URL, (c) => c.query(`create database ${name}`));
            const db = await openPostgres(asRole(ADMIN_URL, new URL(ADMIN_URL).username, name));
            return {
              db,
              cleanup: async () => {
                await db.close();
                await withClient(ADMIN_URL, (c) => c.query(`drop database if exists ${name} with (force)`));
              },
            };
          },
        },
      ]
    : []),
];

describe.each(FRESH)('upgrading to hearth.user_credentials on $name', ({ open }) => {
  let cleanup: (() => Promise<void>) | undefined;
  let before: string | undefined;
  afterAll(async () => {
    await cleanup?.();
    if (before) await rm(before, { recursive: true, force: true });
  });

  it('moves every existing hash with its account: old accounts still sign in, and the column is gone', async () => {
    const opened = await open();
    cleanup = opened.cleanup;
    const { db } = opened;
    // The database as it was just before: every migration older than this one.
    before = await mkdtemp(path.join(tmpdir(), 'hearth-migrations-'));
    for (const file of await readdir(MIGRATIONS)) {
      if (/^\d{14}_.*\.sql$/.test(file) && file.slice(0, 14) < CREDENTIALS_VERSION)
        await cp(path.join(MIGRATIONS, file), path.join(before, file));
    }
    await migrate(db, before);
    const [{ has }] = (await db.query<{ has: boolean }>(
      "select exists (select 1 from information_schema.columns where table_schema = 'hearth' and table_name = 'users' and column_name = 'password_hash') as has",
    )) as [{ has: boolean }];
    expect(has).toBe(true);

    const accounts = await Promise.all(
      ['old-ada', 'old-grace'].map(async (label) => ({
        email: `${label}-${run}@example.com`,
        password: `${label} password 1`,
      })),
    );
    for (const account of accounts) await register(db, account.email, await hashPassword(account.password));
    await withAnon((tx) => tx.query("select hearth.auth_register_user(null, 'Guest', null, true)"), db);
    const [{ n: withHash }] = (await db.query<{ n: number }>(
      'select count(*)::int as n from hearth.users where password_hash is not null',
    )) as [{ n: number }];

    const applied = await migrate(db);
    expect(applied).toContain(`${CREDENTIALS_VERSION}_user_credentials.sql`);
    expect(await migrate(db)).toEqual([]);

    for (const account of accounts) {
      expect(await signsIn(db, account.email, account.password)).toBe(true);
      expect(await signsIn(db, account.email, 'not the password')).toBe(false);
    }
    expect(await db.query<{ n: number }>('select count(*)::int as n from hearth.user_credentials')).toEqual([
      { n: withHash },
    ]);
    expect(
      await db.query(
        "select 1 from information_schema.columns where table_schema = 'hearth' and table_name = 'users' and column_name = 'password_hash'",
      ),
    ).toEqual([]);
    // A new account after the upgrade signs in too.
    await register(db, `new-${run}@example.com`, await hashPassword('a new password'));
    expect(await signsIn(db, `new-${run}@example.com`, 'a new password')).toBe(true);
  });
});
