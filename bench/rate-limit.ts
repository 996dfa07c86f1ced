// `npm run bench:rate-limit`: what a rate-limit take costs on each store, the time the web chat
// spends on its two takes before a turn starts. Sequential takes (one caller after another, each
// with a user and an address bucket) and 20 at once on one hot bucket pair; p50 / p95 / max in ms.
// PGlite always; PostgreSQL at BENCH_DATABASE_URL (or DATABASE_URL); Redis at REDIS_URL.
import { createClient } from 'redis';
import { openDatabase, type Database } from '@/lib/db';
import type { Redis } from '@/lib/redis';
import { PostgresRateLimitStore } from '@/lib/rate-limit/postgres-store';
import { RedisRateLimitStore } from '@/lib/rate-limit/redis-store';
import type { RateLimitStore } from '@/lib/rate-limit/store';
import { timings } from './stats.ts';

const SEQUENTIAL = 2000;
const CONCURRENT_ROUNDS = 100;
const CONCURRENCY = 20;
const WARM_UP = 200;

async function measure(store: RateLimitStore) {
  const take = (user: string, address: string) =>
    store.take(
      [
        { bucket: `bench:user:${user}`, limit: 1_000_000, windowMs: 3_600_000 },
        { bucket: `bench:ip:${address}`, limit: 1_000_000, windowMs: 3_600_000 },
      ],
      Date.now(),
    );
  for (let i = 0; i < WARM_UP; i++) await take(`warm-${i % 20}`, 'warm');
  const run = crypto.randomUUID();
  const sequential: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const started = performance.now();
    await take(`${run}-${i % 500}`, `${run}-${i % 50}`);
    sequential.push(performance.now() - started);
  }
  const concurrent: number[] = [];
  for (let round = 0; round < CONCURRENT_ROUNDS; round++) {
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        const started = performance.now();
        await take(`${run}-hot`, `${run}-hot`);
        concurrent.push(performance.now() - started);
      }),
    );
  }
  return { sequential: timings(sequential), concurrent: timings(concurrent) };
}

const fmt = (t: { p50: number; p95: number; max: number }) =>
  `${t.p50.toFixed(2)} / ${t.p95.toFixed(2)} / ${t.max.toFixed(1)}`;

async function main() {
  const rows: string[] = [];
  const report = async (name: string, store: RateLimitStore, close: () => Promise<unknown>) => {
    const result = await measure(store);
    rows.push(`| ${name} | ${fmt(result.sequential)} | ${fmt(result.concurrent)} |`);
    await close();
  };
  const pglite = await openDatabase({ memory: true });
  await report('PostgreSQL store on PGlite (in process)', new PostgresRateLimitStore(async () => pglite), () =>
    pglite.close(),
  );
  const url = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (url) {
    const db: Database = await openDatabase({ url });
    await report('PostgreSQL store on PostgreSQL (loopback)', new PostgresRateLimitStore(async () => db), async () => {
      await db.query("delete from hearth.rate_limit_counters where bucket like 'bench:%'");
      await db.close();
    });
  }
  if (process.env.REDIS_URL) {
    const redis = (await createClient({ url: process.env.REDIS_URL }).connect()) as Redis;
    const prefix = `{hearth-rl-bench-${crypto.randomUUID()}}:`;
    await report('Redis store (loopback)', new RedisRateLimitStore(async () => redis, prefix), async () => {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(keys);
      redis.destroy();
    });
  }
  console.log(
    `One take of two buckets, ms: p50 / p95 / max\n\n| store | ${SEQUENTIAL} one after another | ${CONCURRENCY} at once on one bucket pair (x${CONCURRENT_ROUNDS}) |\n|---|---|---|\n${rows.join('\n')}`,
  );
}

await main();
