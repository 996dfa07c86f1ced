import { afterAll, beforeAll } from 'vitest';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import { openDatabase, type Database } from '@/lib/db';

/**
 * Opens a database before the enclosing describe's tests and closes it after them, once the
 * memory work their chat turns started is done. Returns a getter, since the database exists only
 * once beforeAll has run.
 */
export function useTestDatabase(open: () => Promise<Database>): () => Database {
  let db: Database | undefined;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(async () => {
    await afterRepliesSettled();
    await db?.close();
  });
  return () => db!;
}

/**
 * Like useTestDatabase, and the database is also the process's own (what getDb() returns) while
 * the enclosing describe's tests run: for routes, actions and jobs that open no database of
 * their own. The one that was there before comes back afterwards.
 */
export function installProcessDatabase(
  open: () => Promise<Database> = () => openDatabase({ memory: true }),
): () => Database {
  const holder = globalThis as { __hearthDb?: Promise<Database> };
  const previous = holder.__hearthDb;
  let db: Database | undefined;
  beforeAll(async () => {
    db = await open();
    holder.__hearthDb = Promise.resolve(db);
  });
  afterAll(async () => {
    holder.__hearthDb = previous;
    await afterRepliesSettled();
    await db?.close();
  });
  return () => db!;
}
