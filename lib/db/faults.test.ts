import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponse } from '@/lib/errors';
import { createTestUser } from '@/lib/testing/databases';
import { openDatabase, type Database } from './index';
import { withUser } from './scope';

const url = process.env.TEST_DATABASE_URL;

/** A PostgreSQL backend killed under a request (pg_terminate_backend, as a failover or restart does). */
describe.skipIf(!url)('a database connection killed mid-request on PostgreSQL', () => {
  let db: Database;
  let user: { id: string };

  beforeAll(async () => {
    db = await openDatabase({ url });
    user = await createTestUser(db, 'faults');
  });
  afterAll(() => db?.close());

  const terminate = (pid: number) => db.query('select pg_terminate_backend($1)', [pid]);

  it('fails that request with a 503 and a message, and the next request works without a restart', async () => {
    const failed = await withUser(
      user,
      async (tx) => {
        const [{ pid }] = (await tx.query<{ pid: number }>('select pg_backend_pid() as pid')) as [{ pid: number }];
        await terminate(pid);
        await new Promise((resolve) => setTimeout(resolve, 50)); // the 'error' event arrives while no query runs
        return tx.query('select 1');
      },
      db,
    ).then(
      () => null,
      (error: unknown) => error,
    );

    expect(failed).not.toBeNull();
    const response = errorResponse(failed);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: {
        type: 'service_unavailable',
        message: 'The database is out of reach right now. Please try again in a moment.',
      },
    });
    for (let i = 0; i < 5; i++) {
      expect(await withUser(user, (tx) => tx.query<{ ok: number }>('select 1 as ok'), db)).toEqual([{ ok: 1 }]);
    }
  });

  it('replaces an idle pooled connection that was killed between requests', async () => {
    const pids = await Promise.all(
      [1, 2, 3].map(() =>
        withUser(user, async (tx) => (await tx.query<{ pid: number }>('select pg_backend_pid() as pid'))[0]!.pid, db),
      ),
    );
    await db.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where pid = any($1::int[]) and pid <> pg_backend_pid()',
      [pids],
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        withUser(user, (tx) => tx.query<{ ok: number }>('select 1 as ok'), db).catch((e: Error) => e.message),
      ),
    );
    // A request may still meet a connection in the moment it dies; it then fails cleanly, never hangs.
    expect(answers.filter((a) => typeof a !== 'string').length).toBeGreaterThanOrEqual(1);
    expect(await withUser(user, (tx) => tx.query<{ ok: number }>('select 1 as ok'), db)).toEqual([{ ok: 1 }]);
  });
});
