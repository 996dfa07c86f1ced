import path from 'node:path';
import { openPglite, openPostgres, type Database } from './client.ts';
import { lockDataDir } from './lock.ts';
import { closeInterruptedReplies } from './maintenance.ts';
import { migrate, seedIfEmpty } from './migrate.ts';
import { dataDir } from './paths.ts';

export type { Database, Queryable, Row } from './client.ts';

/** Opens a database, brings its schema up to date and seeds an empty catalogue. */
export async function openDatabase(options: { url?: string; dataDir?: string; memory?: boolean } = {}): Promise<Database> {
  let db: Database;
  if (options.url) {
    db = await openPostgres(options.url);
  } else if (options.memory) {
    db = await openPglite();
  } else {
    const dir = options.dataDir ?? dataDir();
    const release = lockDataDir(dir);
    try {
      db = await openPglite(path.join(dir, 'pglite'));
    } catch (error) {
      release();
      throw error;
    }
    const close = db.close;
    db = { ...db, close: async () => { await close(); release(); } };
  }
  await migrate(db);
  await seedIfEmpty(db);
  // The embedded database has exactly one owner, so whatever it shows as streaming was cut off
  // when it last stopped. On a shared PostgreSQL other servers may be mid-reply: the scheduled
  // job and the readers close stale replies there.
  if (db.kind === 'pglite') await closeInterruptedReplies(db);
  return db;
}

// Next.js may load this module more than once in one process; the instance lives on globalThis.
const globalDb = globalThis as typeof globalThis & { __hearthDb?: Promise<Database> };

/** The process-wide database, opened on first use (never at import, so builds never open it). */
export function getDb(): Promise<Database> {
  if (process.env.NEXT_PHASE === 'phase-production-build') {
    throw new Error('The database was opened during `next build`: a page that reads data must call `await connection()`.');
  }
  globalDb.__hearthDb ??= openDatabase({ url: process.env.DATABASE_URL || undefined }).catch((error) => {
    globalDb.__hearthDb = undefined; // let the next request try again
    throw error;
  });
  return globalDb.__hearthDb;
}
