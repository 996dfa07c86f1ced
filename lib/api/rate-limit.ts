/**
 * Requests per minute for the REST API, counted in this server process: behind several processes
 * each counts its own share (a shared store such as Redis would make the limit global).
 */
const WINDOW_MS = 60_000;
const DEFAULT_LIMIT_PER_MINUTE = 60;

type Window = { startedAt: number; count: number };

export type RateLimitDecision =
  | { allowed: true; limit: number; remaining: number }
  | { allowed: false; limit: number; retryAfterSeconds: number };

/** A fixed one-minute window per bucket (an API key, a user), starting at the bucket's first request. */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private lastSweep = 0;

  constructor(
    readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request in every bucket, or in none when any of them is full. */
  take(buckets: readonly string[]): RateLimitDecision {
    const now = this.now();
    this.forgetEndedWindows(now);
    const windows = buckets.map((bucket) => this.currentWindow(bucket, now));
    const full = windows.filter((window) => window.count >= this.limit);
    if (full.length > 0) {
      const reopensAt = Math.max(...full.map((window) => window.startedAt + WINDOW_MS));
      return { allowed: false, limit: this.limit, retryAfterSeconds: Math.ceil((reopensAt - now) / 1000) };
    }
    for (const window of windows) window.count += 1;
    return { allowed: true, limit: this.limit, remaining: this.limit - Math.max(...windows.map((window) => window.count)) };
  }

  /** How many windows are held: at most the buckets seen in the last two minutes. */
  get size(): number {
    return this.windows.size;
  }

  private currentWindow(bucket: string, now: number): Window {
    const existing = this.windows.get(bucket);
    if (existing && now - existing.startedAt < WINDOW_MS) return existing;
    const fresh = { startedAt: now, count: 0 };
    this.windows.set(bucket, fresh);
    return fresh;
  }

  /** A full pass at most once a window keeps the cost per request constant. */
  private forgetEndedWindows(now: number): void {
    if (now - this.lastSweep < WINDOW_MS) return;
    this.lastSweep = now;
    for (const [bucket, window] of this.windows) {
      if (now - window.startedAt >= WINDOW_MS) this.windows.delete(bucket);
    }
  }
}

/** API_RATE_LIMIT_PER_MINUTE as a positive whole number; 60 when unset or not one. */
export function rateLimitPerMinute(value = process.env.API_RATE_LIMIT_PER_MINUTE): number {
  const limit = Number(value);
  return value && Number.isInteger(limit) && limit > 0 ? limit : DEFAULT_LIMIT_PER_MINUTE;
}

// On globalThis: Next.js may load a module once per route bundle, and every route must share one count.
const shared = globalThis as typeof globalThis & { hearthApiRateLimiter?: RateLimiter };

export function apiRateLimiter(): RateLimiter {
  return (shared.hearthApiRateLimiter ??= new RateLimiter(rateLimitPerMinute()));
}
