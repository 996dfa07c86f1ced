import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/db';
import { openPglite, type Database, type Queryable } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { forkTs } from '@/lib/testing/fork-ts';
import { countThrough } from '@/lib/testing/pg-wire-counter';
import { asRole, withClient } from '@/lib/testing/supabase/shape';

const ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL;
const run = crypto.randomUUID().slice(0, 8);

/** Every statement a database is sent, in order, inside transactions too. */
function recording(db: Database): { db: Database; statements: string[] } {
  const statements: string[] = [];
  const record = (q: Queryable): Queryable => ({
    query: (sql, params) => (statements.push(sql), q.query(sql, params)),
    exec: (sql) => (statements.push(sql), q.exec(sql)),
  });
  return {
    statements,
    db: { ...db, ...record(db), transaction: (fn, settings) => db.transaction((tx) => fn(record(tx)), settings) },
  };
}

const LOCK = /^\s*select pg_advisory_xact_lock\(/i;

describe('migrating at boot', () => {
  it('takes the migration lock before any other statement, on an empty database and in every transaction', async () => {
    const pglite = await openPglite();
    try {
      const { db, statements } = recording(pglite);
      await migrate(db);
      expect(statements.length).toBeGreaterThan(10);
      expect(statements[0]).toMatch(LOCK);
      // Each migration's transaction: the lock, then whether another server applied it meanwhile.
      const transactions = statements
        .slice(1)
        .filter((_, i, all) => i === 0 || /^insert into supabase_migrations/.test(all[i - 1]!));
      expect(transactions.every((sql) => LOCK.test(sql))).toBe(true);

      const again = recording(pglite);
      await migrate(again.db);
      expect(again.statements).toHaveLength(1);
      expect(again.statements[0]).toMatch(LOCK);
    } finally {
      await pglite.close();
    }
  });
});

describe.skipIf(!ADMIN_URL)('booting on PostgreSQL', () => {
  const empty = `hearth_boot_${run}`;
  const upToDate = `hearth_boot_ready_${run}`;
  afterAll(async () => {
    await withClient(ADMIN_URL!, async (c) => {
      await c.query(`drop database if exists ${empty} with (force)`);
      await c.query(`drop database if exists ${upToDate} with (force)`);
    });
  });

  it('lets many servers start at once on an empty database, applying each migration once', async () => {
    await withClient(ADMIN_URL!, (c) => c.query(`create database ${empty}`));
    const url = asRole(ADMIN_URL!, new URL(ADMIN_URL!).username, empty);
    const BOOTS = 16;
    const outcomes = await Promise.all(Array.from({ length: BOOTS }, () => bootInChildProcess(url)));
    expect(outcomes.filter((o) => o !== 'ok')).toEqual([]);
    const db = await openDatabase({ url });
    try {
      const ledger = await db.query<{ n: number }>(
        'select count(*)::int as n from supabase_migrations.schema_migrations group by version having count(*) > 1',
      );
      expect(ledger).toEqual([]);
      expect(await db.query<{ n: number }>('select count(*)::int as n from hearth.companions')).not.toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }
  });

  it('costs at most five round trips at cold start on an up-to-date database', async () => {
    await withClient(ADMIN_URL!, (c) => c.query(`create database ${upToDate}`));
    const url = asRole(ADMIN_URL!, new URL(ADMIN_URL!).username, upToDate);
    await (await openDatabase({ url })).close();

    const counter = await countThrough(url);
    try {
      const db = await openDatabase({ url: counter.url });
      await db.close();
      console.log(
        `[boot] cold start on an up-to-date database: ${counter.counts.roundTrips} round trips over ${counter.counts.connections} connection(s)`,
      );
      expect(counter.counts.roundTrips).toBeLessThanOrEqual(5);
      expect(counter.counts.statements[0]).toMatch(LOCK);
    } finally {
      await counter.close();
    }
  });
});

/** A server process's boot, reduced to opening (and migrating) the database. */
function bootInChildProcess(url: string): Promise<string> {
  return new Promise((resolve) => {
    const child = forkTs('lib/testing/boot-once.ts', [url], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve(code === 0 ? 'ok' : `exit ${code}: ${stderr.trim().split('\n').at(-1)}`));
  });
}
