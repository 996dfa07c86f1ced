import path from 'node:path';
import { getConfig, type Config } from '../config/index.ts';
import { openPglite, openPostgres, type Database } from './client.ts';
import { lockDataDir } from './lock.ts';
import { closeInterruptedReplies } from './maintenance.ts';
import { migrate, seedIfEmpty } from './migrate.ts';
import { dataDir } from './paths.ts';

export type { Database, Queryable, Row } from './client.ts';

export type OpenOptions = {
  /** PostgreSQL; else the embedded database in dataDir (or in memory). */
  url?: string;
  poolMax?: number;
  caCert?: string;
  dataDir?: string;
  memory?: boolean;
};

/** The database the deployment's settings name: PostgreSQL at DATABASE_URL (or POSTGRES_URL), else the embedded one. */
export function configuredDatabase(config: Config = getConfig()): OpenOptions {
  const { url, poolMax, caCert } = config.database;
  return url ? { url, poolMax, caCert } : { dataDir: config.dataDir };
}

/** Opens a database, brings its schema up to date and seeds an empty catalogue. */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  let db: Database;
  if (options.url) {
    db = await openPostgres(options.url, { max: options.poolMax, caCert: options.caCert });
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
    db = {
      ...db,
      close: async () => {
        await close();
        release();
      },
    };
  }
  await migrate(db);
  await seedIfEmpty(db);
  if (db.kind === 'pglite') await closeInterruptedReplies(db);
  return db;
}

// Next.js may load this module more than once in one process; the instance lives on globalThis.
const globalDb = globalThis as typeof globalThis & { __hearthDb?: Promise<Database> };

/** The process-wide database, opened on first use (never at import, so builds never open it). */
export function getDb(): Promise<Database> {
  if (process.env.NEXT_PHASE === 'phase-production-build') {
    throw new Error(
      'The database was opened during `next build`: a page that reads data must call `await connection()`.',
    );
  }
  globalDb.__hearthDb ??= openDatabase(configuredDatabase()).catch((error) => {
    globalDb.__hearthDb = undefined; // let the next request try again
    throw error;
  });
  return globalDb.__hearthDb;
}
