import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from './client.ts';

// Any constant works; it keeps servers starting at once from migrating the same database together.
const MIGRATION_LOCK_KEY = 4_227_118_001;
// turbopackIgnore: a path built from the working directory makes Next trace the whole project into
// every function; next.config.ts includes exactly these files instead.
const SUPABASE_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), 'supabase');
const MIGRATIONS_DIR = path.join(SUPABASE_DIR, 'migrations');
// The newest migration of the days when Hearth kept its own ledger (public.hearth_migrations).
const LAST_VERSION_OF_OLD_LEDGER = '20261203050000';

/**
 * The one ledger of applied migrations is the table `supabase db push` keeps, made here with the
 * same columns where the CLI has not made it (plain PostgreSQL, PGlite), so a file is applied once
 * whichever of the two applies it. What Hearth's old ledger recorded is carried over, then it is
 * dropped.
 *
 * One message (an implicit transaction) whose first statement is the lock: servers booting at
 * once on an empty database never race to create the ledger, and an up-to-date database costs one
 * round trip.
 */
export const LEDGER_SQL = `select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY});
do $$
begin
  if to_regclass('supabase_migrations.schema_migrations') is null then
    create schema if not exists supabase_migrations;
    revoke all on schema supabase_migrations from public;
    create table supabase_migrations.schema_migrations (version text primary key, statements text[], name text);
    alter table supabase_migrations.schema_migrations enable row level security;
  end if;
  if to_regclass('public.hearth_migrations') is not null then
    -- Only versions from while that ledger was in use: on Supabase anyone could write to it, and
    -- a forged later version must not make this server skip a migration.
    insert into supabase_migrations.schema_migrations (version)
      select version from public.hearth_migrations where version <= '${LAST_VERSION_OF_OLD_LEDGER}'
      on conflict do nothing;
    drop table public.hearth_migrations;
  end if;
end
$$;
select version from supabase_migrations.schema_migrations`;

export type MigrationFile = { version: string; name: string; file: string };

/** The migration files in order: `<14-digit version>_<name>.sql`, the names `supabase db push` takes. */
export async function migrationFiles(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  return (await readdir(/*turbopackIgnore: true*/ dir))
    .map((file) => /^(\d{14})_([\w-]+)\.sql$/.exec(file))
    .filter((match) => match !== null)
    .map(([file, version, name]) => ({ version: version!, name: name!, file: path.join(dir, file) }))
    .sort((a, b) => a.version.localeCompare(b.version));
}

/** Applies every migration not yet in the ledger, each in its own transaction. Safe to run again, and at once from many servers. */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const results = await db.exec(LEDGER_SQL);
  const done = new Set((results.at(-1) ?? []).map((row) => String(row.version)));
  const applied: string[] = [];
  for (const migration of await migrationFiles(dir)) {
    if (done.has(migration.version)) continue;
    const sql = await readFile(/*turbopackIgnore: true*/ migration.file, 'utf8');
    const didApply = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      // Another server may have applied it while this one waited for the lock.
      const already = await tx.query('select 1 from supabase_migrations.schema_migrations where version = $1', [
        migration.version,
      ]);
      if (already.length > 0) return false;
      await tx.exec(sql);
      await tx.query(
        'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
        [migration.version, migration.name, [sql]],
      );
      return true;
    });
    if (didApply) applied.push(path.basename(migration.file));
  }
  return applied;
}

/** Loads the default companions. Upserts by slug, so running it twice changes nothing. */
export async function seed(db: Database): Promise<void> {
  await db.exec(await readFile(/*turbopackIgnore: true*/ path.join(SUPABASE_DIR, 'seed.sql'), 'utf8'));
}

/** On start, seed only an empty catalogue: an admin's later edits to seeded companions survive restarts. */
export async function seedIfEmpty(db: Database): Promise<boolean> {
  const [row] = await db.query<{ empty: boolean }>('select not exists (select 1 from hearth.companions) as empty');
  if (!row?.empty) return false;
  await seed(db);
  return true;
}
