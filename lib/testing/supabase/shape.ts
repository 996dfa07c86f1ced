import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

const SHAPE_SQL = path.join(import.meta.dirname, 'shape.sql');

/** The project owner's role in the stand-in (Supabase's `postgres`, which is not a superuser). */
export const SUPABASE_OWNER = 'supabase_postgres';

export type SupabaseShapedDatabase = {
  /** As the project owner, the way `supabase db push` and Supabase's pooler connect. */
  ownerUrl: string;
  /** As PostgREST connects before it switches to anon or authenticated. */
  authenticatorUrl: string;
};

/** A URL for the same server and database as another role (trust authentication, as in CI). */
export function asRole(url: string, role: string, database?: string): string {
  const parsed = new URL(url);
  parsed.username = role;
  parsed.password = '';
  if (database) parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Makes a fresh database with Supabase's roles, schemas and default privileges (shape.sql), as a
 * superuser at adminUrl. Drops one of that name first.
 */
export async function createSupabaseShapedDatabase(adminUrl: string, name: string): Promise<SupabaseShapedDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  await withClient(adminUrl, async (client) => {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  });
  const sql = await readFile(SHAPE_SQL, 'utf8');
  await withClient(asRole(adminUrl, new URL(adminUrl).username || 'postgres', name), (client) => client.query(sql));
  return {
    ownerUrl: asRole(adminUrl, SUPABASE_OWNER, name),
    authenticatorUrl: asRole(adminUrl, 'authenticator', name),
  };
}

/**
 * What `supabase db push` does with supabase/migrations: as the project owner, make the CLI's
 * ledger if it is missing, then apply each file it does not list, in a transaction of its own,
 * and record it. `until` stops after that version (an older release's migrations).
 */
export async function supabaseDbPush(
  ownerUrl: string,
  options: { dir?: string; until?: string } = {},
): Promise<string[]> {
  const dir = options.dir ?? path.join(process.cwd(), 'supabase', 'migrations');
  const files = (await readdir(dir)).filter((f) => /^\d{14}_[\w-]+\.sql$/.test(f)).sort();
  return withClient(ownerUrl, async (client) => {
    await client.query(`create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (version text not null primary key);
      alter table supabase_migrations.schema_migrations add column if not exists statements text[];
      alter table supabase_migrations.schema_migrations add column if not exists name text;`);
    const done = new Set(
      (await client.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    const applied: string[] = [];
    for (const file of files) {
      const version = file.slice(0, 14);
      if (options.until && version > options.until) break;
      if (done.has(version)) continue;
      const sql = await readFile(path.join(dir, file), 'utf8');
      await client.query('begin');
      try {
        await client.query(sql);
        await client.query(
          'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
          [version, file.slice(15, -4), [sql]],
        );
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw new Error(`supabase db push: ${file}: ${(error as Error).message}`);
      }
      applied.push(file);
    }
    return applied;
  });
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
