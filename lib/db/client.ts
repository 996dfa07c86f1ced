import 'server-only';
import { poolConfig, type PostgresOptions } from './pool-config.ts';
import { settingsStatement } from './literal.ts';

/**
 * One small database interface over the two drivers Hearth runs on: PGlite (embedded, no
 * DATABASE_URL) and PostgreSQL through a pg pool. Everything above this file speaks SQL through
 * `query`, `exec` and `transaction`, so the same query code serves both.
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * Runs several statements in one message, as one implicit transaction unless they say
   * otherwise (migrations, seed); no parameters. Returns each statement's rows.
   */
  exec(sql: string): Promise<Row[][]>;
}

/** Settings the transaction starts with, `set_config(name, value, true)`: they end with it. */
export type TransactionSettings = Record<string, string>;

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Queryable) => Promise<T>, settings?: TransactionSettings): Promise<T>;
  close(): Promise<void>;
}

export async function openPostgres(connectionString: string, options: PostgresOptions = {}): Promise<Database> {
  const { Pool } = (await import('pg')).default;
  const pool = new Pool(poolConfig(connectionString, options));
  // An idle client that loses its connection emits 'error'; without a listener it would crash the process.
  pool.on('error', (error) => console.error('[db] idle PostgreSQL client error:', error.message));
  return {
    kind: 'postgres',
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as T[];
    },
    exec: async (sql: string) => statementRows(await pool.query(sql)),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, settings?: TransactionSettings) {
      const client = await pool.connect();
      // A connection that dies while checked out (the server restarts, pg_terminate_backend)
      // emits 'error'; without a listener that would end the process. Such a client is
      // destroyed on release instead of going back to the pool, so the next request gets a
      // working one.
      let broken: Error | undefined;
      const onError = (error: Error) => void (broken = error);
      client.on('error', onError);
      try {
        // The settings travel with the BEGIN, in one message: one round trip, not two.
        await client.query(settings ? `begin; ${settingsStatement(settings)}` : 'begin');
        const result = await fn({
          query: async <R extends Row>(sql: string, params: unknown[] = []) =>
            (await client.query(sql, params)).rows as R[],
          exec: async (sql: string) => statementRows(await client.query(sql)),
        });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch((rollbackError: Error) => void (broken ??= rollbackError));
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

/** dataDir undefined means an in-memory database (tests). */
export async function openPglite(dataDir?: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  return {
    kind: 'pglite',
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
    exec: async (sql: string) => (await db.exec(sql)).map((result) => result.rows as Row[]),
    transaction: (fn, settings) =>
      db.transaction(async (tx) => {
        const names = Object.keys(settings ?? {});
        if (names.length)
          await tx.query(
            `select ${names.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`,
            Object.entries(settings!).flat(),
          );
        return fn({
          query: async <R extends Row>(sql: string, params: unknown[] = []) => (await tx.query<R>(sql, params)).rows,
          exec: async (sql: string) => (await tx.exec(sql)).map((result) => result.rows as Row[]),
        });
      }),
    close: () => db.close(),
  };
}

/** pg answers a one-statement message with one result and a longer one with a list. */
function statementRows(result: { rows: Row[] } | { rows: Row[] }[]): Row[][] {
  return Array.isArray(result) ? result.map((r) => r.rows) : [result.rows];
}
