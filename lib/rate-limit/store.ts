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
export type SessionClaim = {
  userId: string;
  sessionId: string | null;
  version: number;
  role: 'user' | 'admin';
  isGuest: boolean;
};

export interface RateLimitStore {
  readonly name: 'postgres' | 'redis';
  /** Counts one request in every bucket, or in none when any of them is full; atomic across callers and servers. */
  take(takes: readonly BucketTake[], now: number): Promise<Taken>;
  /**
   * take(), after checking in the same round trip that the session still stands (the database
   * holds the sessions); nothing is counted when it does not. Only stores that can.
   */
  takeForSession?(
    takes: readonly BucketTake[],
    now: number,
    session: SessionClaim,
  ): Promise<Taken & { sessionValid: boolean }>;
}

/** Why a reply was refused before any bucket was counted: over the day's budget, or too many replies at once. */
export type ReplyRefusal = 'daily_budget' | 'concurrent_streams';

/** What the database checks in front of a reply, beside the buckets (spend-limits.ts). */
export type ReplyClaim = {
  userId: string;
  /** The session to check in the same statement (the web chat); null when the caller was already authenticated. */
  session: SessionClaim | null;
  /** Tokens the account may spend per UTC day; 0 for no budget. */
  budgetTokens: number;
  /** Replies the account may have generating at once; 0 for no cap. */
  maxStreams: number;
  /** How long a slot is held at most: a process that dies mid-reply frees it then. */
  slotTtlMs: number;
};

export type ReplyTaken = Taken & {
  sessionValid: boolean;
  refusal: ReplyRefusal | null;
  /** Tokens spent today before this reply. */
  spent: number;
  /** Replies generating when this one asked. */
  streams: number;
  /** The stream slot this reply holds until release, or null (no cap, or refused). */
  slot: string | null;
};

/**
 * The state in front of a reply that lives only in the database (the day's spend, the stream
 * slots), checked in one statement with the session and, when the database also keeps the
 * buckets, with those: one round trip before a reply. PostgresRateLimitStore is one.
 */
export interface ReplyGate {
  takeForReply(takes: readonly BucketTake[], now: number, claim: ReplyClaim): Promise<ReplyTaken>;
  releaseSlot(slot: string): Promise<void>;
}
