/**
 * Where rate-limit counts live: PostgreSQL (the default, postgres-store.ts) or Redis when REDIS_URL
 * is set (redis-store.ts). Both keep one fixed window per bucket that starts at the bucket's first
 * request after its previous window ended.
 *
 * Fixed rather than sliding windows: a take is one atomic upsert (or one small Lua script) on one
 * row per bucket, and the wait to tell a refused caller is exact ("you can send more at 14:05"). The
 * price is that a caller who spends a whole budget at the end of one window and again at the start
 * of the next gets up to twice the limit across that boundary; for limits meant to stop abuse and
 * runaway scripts rather than meter billing, that is the better trade than a sliding log, which
 * would store every request.
 */
export type BucketTake = {
  /** e.g. "rpm:user:<id>", "mph:ip:203.0.113.9"; distinct within one take. */
  bucket: string;
  limit: number;
  windowMs: number;
};

/**
 * The outcome of one take. `counts` include this request (for a refused take, the count it would
 * have made), and `resetsAt` is when each bucket's window ends (ms since the epoch), in the order
 * of the takes.
 */
export type Taken = { allowed: boolean; counts: number[]; resetsAt: number[] };

/** A session token's claims, for a store that checks the session in the same round trip as a take. */
export type SessionClaim = { userId: string; sessionId: string | null; version: number; role: 'user' | 'admin'; isGuest: boolean };

export interface RateLimitStore {
  readonly name: 'postgres' | 'redis';
  /** Counts one request in every bucket, or in none when any of them is full; atomic across callers and servers. */
  take(takes: readonly BucketTake[], now: number): Promise<Taken>;
  /**
   * take(), after checking in the same round trip that the session still stands (the database
   * holds the sessions); nothing is counted when it does not. Only stores that can.
   */
  takeForSession?(takes: readonly BucketTake[], now: number, session: SessionClaim): Promise<Taken & { sessionValid: boolean }>;
}
