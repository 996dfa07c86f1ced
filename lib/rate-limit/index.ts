import { getDb } from '@/lib/db';
import { getRedis, redisConfigured } from '@/lib/redis';
import { clientAddress } from './client-address';
import { rateLimitConfig } from './limits';
import {
  FailoverStore,
  RateLimiter,
  type Allowance,
  type RateLimitedCaller,
  type ReplyReservation,
  type SessionCheck,
  type SignUpKind,
} from './limiter';
import { PostgresRateLimitStore } from './postgres-store';
import { spendConfig } from './spend-limits';
import { slotTtlMs } from './slot-ttl';
import { RedisRateLimitStore } from './redis-store';
import type { RateLimitStore } from './store';

export { clientAddress } from './client-address';
export type {
  Allowance,
  RateLimitCode,
  RateLimitedCaller,
  ReplyReservation,
  SessionCheck,
  SignUpKind,
} from './limiter';

/**
 * Rate limits and quotas, for every entry point: call the take that fits before doing the work;
 * each throws a 429 HearthError (Retry-After in its headers, which errorResponse sends, and the
 * refusing limit as the envelope's `code`) and counts nothing when refused. `address` is
 * `clientAddress(request.headers)`, or of `await headers()` in a server action.
 */

/** Every API, chat and server-action request: per user and API key, and per client address. */
export function takeRequestQuota(caller: RateLimitedCaller | null, address: string): Promise<Allowance | null> {
  return rateLimiter().takeRequest(caller, address);
}

/**
 * A reply a companion is asked to write, on every entry point (web chat, REST messages and their
 * stream, chat/completions, a voice-call turn): the message quota, the day's token budget and a
 * stream slot, with `session` the session's check and with `request` the request quota too, in one
 * round trip to the database. Take it once the request is validated, hold the reservation while
 * the reply is generated (holdReservation) and it is released when the reply is saved.
 */
export function takeReplyQuota(
  caller: RateLimitedCaller,
  address: string,
  options: { session?: SessionCheck; request?: boolean } = {},
): Promise<ReplyReservation> {
  return rateLimiter().takeReply(caller, address, options);
}

export { holdReservation } from './hold';

/**
 * A new account from this client address, guest or email. Take it only for a request that would
 * otherwise succeed (valid input, human check passed): refusals spend no one's budget.
 */
export function takeSignUpQuota(address: string, kind: SignUpKind = 'account'): Promise<Allowance | null> {
  return rateLimiter().takeSignUp(address, kind);
}

/** The client address of a request (see clientAddress). */
export function addressOf(request: { headers: Headers }): string {
  return clientAddress(request.headers);
}

// One per module instance, deliberately not on globalThis: Next.js loads this module once for
// route handlers and once for server actions, each with its own HearthError class, and a refusal
// must be an instance of the class its caller checks for. Nothing is lost: the counts live in the
// store, and limits are read from the environment on every take.
let limiter: RateLimiter | undefined;

function rateLimiter(): RateLimiter {
  if (limiter) return limiter;
  const postgres = new PostgresRateLimitStore(getDb);
  return (limiter = new RateLimiter(defaultStore(postgres), () => rateLimitConfig(), Date.now, {
    // The day's spend and the stream slots live in the database whichever store keeps the buckets.
    gate: postgres,
    config: () => spendConfig(),
    slotTtlMs: () => slotTtlMs(),
  }));
}

/** PostgreSQL by default; Redis when REDIS_URL is set, with the database standing in while Redis is out. */
function defaultStore(postgres: PostgresRateLimitStore): RateLimitStore {
  if (!redisConfigured()) return postgres;
  return new FailoverStore(
    new RedisRateLimitStore(() => getRedis() ?? Promise.reject(new Error('REDIS_URL is not set'))),
    postgres,
  );
}
