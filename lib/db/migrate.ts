import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from './client.ts';

// Any constant works; it keeps two servers starting at once from migrating the same database twice.
const MIGRATION_LOCK_KEY = 4_227_118_001;

/** Applies every migration not yet recorded, each in its own transaction. Safe to run again. */
export async function migrate(db: Database): Promise<string[]> {
  await db.exec(`create table if not exists public.hearth_migrations (
    version text primary key,
    applied_at timestamptz not null default now()
  )`);
  const files = (await readdir(path.join(process.cwd(), 'supabase', 'migrations'))).filter((name) => /^\d{14}_[\w-]+\.sql$/.test(name)).sort();
  const applied: string[] = [];
  for (const file of files) {
    const version = file.slice(0, 14);
    const sql = await readFile(path.join(process.cwd(), 'supabase', 'migrations', file), 'utf8');
    const didApply = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const done = await tx.query('select 1 from public.hearth_migrations where version = $1', [version]);
      if (done.length > 0) return false;
      await tx.exec(sql);
      await tx.query('insert into public.hearth_migrations (version) values ($1)', [version]);
      return true;
    });
    if (didApply) applied.push(file);
  }
  return applied;
}

/** Loads the default companions. Upserts by slug, so running it twice changes nothing. */
export async function seed(db: Database): Promise<void> {
  await db.exec(await readFile(path.join(process.cwd(), 'supabase', 'seed.sql'), 'utf8'));
}

/** On start, seed only an empty catalogue: an admin's later edits to seeded companions survive restarts. */
export async function seedIfEmpty(db: Database): Promise<boolean> {
  const [row] = await db.query<{ empty: boolean }>('select not exists (select 1 from public.companions) as empty');
  if (!row?.empty) return false;
  await seed(db);
  return true;
}
