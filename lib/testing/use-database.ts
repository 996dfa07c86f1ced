import { afterAll, beforeAll } from 'vitest';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import type { Database } from '@/lib/db';

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
