import { describe, expect, it } from 'vitest';
import { openPglite } from './client';
import { migrate } from './migrate';

/**
 * The migrations make a private Supabase Storage bucket only where a storage schema exists, and
 * leave no policy on it: the server reaches it with the service role, and a Supabase Auth user
 * (whose id might equal a Hearth user's) reaches nothing. Here a PGlite database gets the parts of
 * Supabase's storage and auth schemas the migrations use, then the real migrations run over it.
 */
describe('Supabase Storage in the migrations', () => {
  it('makes a private bucket that no Supabase Auth user can read, write or delete in', async () => {
    const db = await openPglite();
    try {
      await db.exec(`
        create schema storage; create schema auth;
        create table storage.buckets (id text primary key, name text not null, public boolean default false);
        create table storage.objects (id uuid primary key default gen_random_uuid(), bucket_id text references storage.buckets (id), name text not null);
        alter table storage.objects enable row level security;
        create function storage.foldername(name text) returns text[] language sql immutable
          as $$ select (string_to_array(name, '/'))[1:cardinality(string_to_array(name, '/')) - 1] $$;
        create function auth.uid() returns uuid language sql stable
          as $$ select nullif(nullif(current_setting('request.jwt.claims', true), '')::json ->> 'sub', '')::uuid $$;
      `);
      await migrate(db);
      expect(await db.query('select id, public from storage.buckets')).toEqual([{ id: 'hearth-media', public: false }]);
      await db.exec(
        `grant usage on schema storage, auth to authenticated; grant select, insert, delete on storage.objects to authenticated;`,
      );

      const alice = crypto.randomUUID();
      const bob = crypto.randomUUID();
      await db.query(
        `insert into storage.objects (bucket_id, name) values ('hearth-media', $1), ('hearth-media', $2)`,
        [`${alice}/a.png`, `${bob}/b.png`],
      );
      const asUser = (id: string, sql: string, params: unknown[] = []) =>
        db.transaction(async (tx) => {
          await tx.query(
            "select set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)",
            [JSON.stringify({ sub: id })],
          );
          return tx.query<{ name: string }>(sql, params);
        });
      expect(await asUser(alice, 'select name from storage.objects')).toEqual([]);
      await expect(
        asUser(alice, `insert into storage.objects (bucket_id, name) values ('hearth-media', $1)`, [`${alice}/x.png`]),
      ).rejects.toThrow(/row-level security/);
      await asUser(alice, 'delete from storage.objects');
      expect(
        (await db.query<{ name: string }>('select name from storage.objects order by name')).map((r) => r.name),
      ).toEqual([`${alice}/a.png`, `${bob}/b.png`].sort());
      expect(
        await db.query("select policyname from pg_policies where schemaname = 'storage' and policyname like 'hearth%'"),
      ).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('does nothing to storage where there is no storage schema (PGlite, plain PostgreSQL)', async () => {
    const db = await openPglite();
    try {
      await migrate(db);
      expect(await db.query("select 1 from information_schema.schemata where schema_name = 'storage'")).toEqual([]);
      expect(
        await db.query(
          "select 1 from information_schema.tables where table_schema = 'hearth' and table_name = 'uploads'",
        ),
      ).toHaveLength(1);
    } finally {
      await db.close();
    }
  });
});
