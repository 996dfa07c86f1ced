import { HearthError } from '@/lib/errors';
import { UNIDENTIFIED } from './client-address';
import { tierOf, type RateLimitConfig, type Tier } from './limits';
import type { SpendConfig } from './spend-limits';
import type { BucketTake, RateLimitStore, ReplyClaim, ReplyGate, ReplyTaken, SessionClaim, Taken } from './store';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Which limit refused a request: the `code` of the 429's error envelope. */
export type RateLimitCode =
  'requests_per_minute' | 'messages_per_hour' | 'sign_ups_per_hour' | 'daily_budget' | 'concurrent_streams';

/** Who is asking: a user (with the API key they call with, if any). */
export type RateLimitedCaller = { id: string; role: 'user' | 'admin'; isGuest?: boolean; keyHash?: string | null };

/** An allowed request: the tightest of its buckets, for X-RateLimit-Limit and -Remaining. */
export type Allowance = { limit: number; remaining: number };

type Take = BucketTake & { scope: 'user' | 'address'; code: RateLimitCode };

/**
 * An allowed reply: its rate-limit allowance, and `release`, which frees its stream slot. Call
 * release once the reply is saved, or when it could not start; calling it again does nothing.
 */
export type ReplyReservation = { allowance: Allowance | null; release: () => void };

/** The spending caps and where their state lives (the database), for takeReply. */
export type SpendOptions = {
  gate: ReplyGate;
  config: () => SpendConfig;
  /** The longest a slot is held: how long a reply may take at most, and a margin. */
  slotTtlMs: () => number;
};

/** Which kind of new account a sign-up makes: each kind has its own budget per address. */
export type SignUpKind = 'guest' | 'account';

/**
 * A session to check in the same round trip as a take: its token's claims, for a store that can
 * check them itself (PostgreSQL), and `verify` for one that cannot (Redis), run beside the take.
 */
export type SessionCheck = { claim: SessionClaim; verify: () => Promise<boolean> };

/**
 * The three limits, over one store: requests per minute, messages per hour and sign-ups per hour.
 * Each take counts the request in every bucket it belongs to (the user's, their API key's, their
 * client address's) or, when any is full, in none, and throws a 429 HearthError with the wait.
 */
export class RateLimiter {
  constructor(
    private readonly store: RateLimitStore,
    private readonly config: () => RateLimitConfig,
    private readonly now: () => number = Date.now,
    private readonly spend?: SpendOptions,
  ) {}

  /** Any request; null when every limit that would apply is switched off. */
  takeRequest(caller: RateLimitedCaller | null, address: string): Promise<Allowance | null> {
    return this.take(this.requestTakes(caller, address), caller ? tierOf(caller) : null);
  }

  /**
   * A reply about to be generated, on every entry point: the message buckets (with `request`, the
   * request buckets too: the web chat's turn is both), the session when given, the day's token
   * budget and a stream slot, in one round trip to the database when it keeps the buckets. With
   * Redis keeping them, the database's part (session, budget, slot) runs beside Redis's take: one
   * round trip to each, in parallel, and one more to free the slot only when Redis refuses.
   * Without spend options (a limiter built for the buckets alone) it checks the session and the
   * buckets, and holds no slot.
   */
  async takeReply(
    caller: RateLimitedCaller,
    address: string,
    options: { session?: SessionCheck; request?: boolean } = {},
  ): Promise<ReplyReservation> {
    const { session } = options;
    const all = [...(options.request ? this.requestTakes(caller, address) : []), ...this.messageTakes(caller, address)];
    const tier = tierOf(caller);
    if (!this.spend) return { allowance: await this.take(all, tier, session), release: () => {} };
    const takes = all.filter((t) => t.limit > 0);
    const config = this.spend.config();
    const claim: ReplyClaim = {
      userId: caller.id,
      session: session?.claim ?? null,
      budgetTokens: config.tokensPerDay[tier],
      maxStreams: config.concurrentReplies[tier],
      slotTtlMs: this.spend.slotTtlMs(),
    };
    const now = this.now();
    const gate = this.spend.gate;
    const together = (this.store as unknown) === gate;
    const [reply, buckets] = await Promise.all([
      gate.takeForReply(together ? takes : [], now, claim),
      together || takes.length === 0 ? null : this.store.take(takes, now).catch((error: unknown) => error as Error),
    ]);
    const release = releaser(gate, reply.slot);
    const counted: Taken | Error = buckets ?? reply;
    if (!reply.sessionValid) throw sessionEnded();
    if (reply.refusal) throw spendRefusal(reply, claim, tier, now);
    if (counted instanceof Error) {
      release();
      throw counted;
    }
    if (takes.length === 0) return { allowance: null, release };
    if (!counted.allowed) {
      release();
      this.refuse(takes, counted, tier, now);
    }
    return { allowance: tightest(takes, counted), release };
  }

  /**
   * A new account from this client address: guests and email sign-ups each have their own budget,
   * so that making guests cannot lock out people signing up.
   */
  takeSignUp(address: string, kind: SignUpKind = 'account'): Promise<Allowance | null> {
    const take: Take = {
      bucket: `signup:${kind}:ip:${address}`,
      limit: this.config().signUpsPerHour,
      windowMs: HOUR,
      scope: 'address',
      code: 'sign_ups_per_hour',
    };
    return this.take([take], null);
  }

  private requestTakes(caller: RateLimitedCaller | null, address: string): Take[] {
    const limits = this.config().requestsPerMinute;
    const tier = caller ? tierOf(caller) : null;
    const code = 'requests_per_minute';
    const takes: Take[] = [];
    if (caller && tier) {
      const limit = limits[tier];
      if (caller.keyHash)
        takes.push({ bucket: `rpm:key:${caller.keyHash}`, limit, windowMs: MINUTE, scope: 'user', code });
      takes.push({ bucket: `rpm:user:${caller.id}`, limit, windowMs: MINUTE, scope: 'user', code });
    }
    // Anonymous callers count apart from guests: a flood of anonymous requests must not lock out
    // every guest, which it would without a known client address (one bucket for the server).
    const bucket = tier ? `rpm:ip:${address}` : `rpm:anon:ip:${address}`;
    if (countsPerAddress(tier, address))
      takes.push({ bucket, limit: limits.perAddress, windowMs: MINUTE, scope: 'address', code });
    return takes;
  }

  private messageTakes(caller: RateLimitedCaller, address: string): Take[] {
    const limits = this.config().messagesPerHour;
    const tier = tierOf(caller);
    const code = 'messages_per_hour';
    const takes: Take[] = [
      { bucket: `mph:user:${caller.id}`, limit: limits[tier], windowMs: HOUR, scope: 'user', code },
    ];
    if (countsPerAddress(tier, address))
      takes.push({ bucket: `mph:ip:${address}`, limit: limits.perAddress, windowMs: HOUR, scope: 'address', code });
    return takes;
  }

  private async take(all: Take[], tier: Tier | null, session?: SessionCheck): Promise<Allowance | null> {
    const takes = all.filter((t) => t.limit > 0);
    if (takes.length === 0) {
      if (session && !(await session.verify())) throw sessionEnded();
      return null;
    }
    const now = this.now();
    const taken = await this.takeFromStore(takes, now, session);
    if (taken.allowed) return tightest(takes, taken);
    this.refuse(takes, taken, tier, now);
  }

  /** Throws the 429 for a refused take: the bucket that reopens last names the wait. */
  private refuse(takes: Take[], taken: Taken, tier: Tier | null, now: number): never {
    // Every full bucket must have reopened before the request could pass.
    const full = takes
      .map((take, i) => ({ take, count: taken.counts[i]!, resetsAt: taken.resetsAt[i]! }))
      .filter((b) => b.count > b.take.limit);
    const last = full.reduce((a, b) => (b.resetsAt > a.resetsAt ? b : a));
    const code = last.take.code;
    const seconds = Math.max(1, Math.ceil((last.resetsAt - now) / 1000));
    const headers: Record<string, string> = { 'retry-after': String(seconds) };
    // The X-RateLimit-* headers describe the requests-per-minute limit, as on every allowed API response.
    if (code === 'requests_per_minute')
      Object.assign(headers, { 'x-ratelimit-limit': String(last.take.limit), 'x-ratelimit-remaining': '0' });
    throw new HearthError('rate_limited', refusal(code, last.take, tier, seconds), { publicCode: code, headers });
  }

  private async takeFromStore(takes: Take[], now: number, session: SessionCheck | undefined): Promise<Taken> {
    if (!session) return this.store.take(takes, now);
    if (this.store.takeForSession) {
      const taken = await this.store.takeForSession(takes, now, session.claim);
      if (!taken.sessionValid) throw sessionEnded();
      return taken;
    }
    const [taken, valid] = await Promise.all([this.store.take(takes, now), session.verify()]);
    if (!valid) throw sessionEnded();
    return taken;
  }
}

function releaser(gate: ReplyGate, slot: string | null): () => void {
  let released = !slot;
  return () => {
    if (released) return;
    released = true;
    void gate
      .releaseSlot(slot!)
      .catch((error: unknown) =>
        console.warn(`[rate-limit] could not free a stream slot (it expires by itself): ${(error as Error).message}`),
      );
  };
}

/** The 429 for a reply over the day's budget (until the next UTC midnight) or past the replies at once. */
function spendRefusal(reply: ReplyTaken, claim: ReplyClaim, tier: Tier, now: number): HearthError {
  if (reply.refusal === 'daily_budget') {
    const midnight = new Date(now);
    midnight.setUTCHours(24, 0, 0, 0);
    const seconds = Math.max(1, Math.ceil((midnight.getTime() - now) / 1000));
    const who = tier === 'guest' ? 'a guest account' : 'an account';
    return new HearthError(
      'rate_limited',
      `You have used today’s budget of ${claim.budgetTokens.toLocaleString('en-US')} tokens, the most ${who} can use in a day. You can send more in ${waitText(seconds)}.`,
      { publicCode: 'daily_budget', headers: { 'retry-after': String(seconds) } },
    );
  }
  const n = claim.maxStreams;
  return new HearthError(
    'rate_limited',
    `${n === 1 ? 'A reply is' : `${n} replies are`} already being written for you, the most at once. Wait for ${n === 1 ? 'it' : 'one'} to finish, or stop ${n === 1 ? 'it' : 'one'}.`,
    { publicCode: 'concurrent_streams', headers: { 'retry-after': String(CONCURRENT_RETRY_SECONDS) } },
  );
}

// A reply usually ends within seconds; the client is told to try again soon rather than at the slot's expiry.
const CONCURRENT_RETRY_SECONDS = 5;

function sessionEnded(): HearthError {
  return new HearthError('unauthorized', 'Your session has ended. Please sign in again.');
}

/**
 * Whether a caller also counts in their client address's bucket. Admins never do (a crowd behind
 * one address must not lock out the person who runs the server). When the address is unknown
 * (no trusted proxy), that bucket is the whole server's: guests and anonymous callers still share
 * it, since a new guest session is free to make, but signed-up users do not, or everyone would be
 * capped together; their accounts cost a sign-up, which is limited for the whole server then.
 */
function countsPerAddress(tier: Tier | null, address: string): boolean {
  if (tier === 'admin') return false;
  return tier !== 'user' || address !== UNIDENTIFIED;
}

function tightest(takes: Take[], taken: Taken): Allowance {
  return takes
    .map((take, i) => ({ limit: take.limit, remaining: Math.max(0, take.limit - taken.counts[i]!) }))
    .reduce((a, b) => (b.remaining < a.remaining ? b : a));
}

function refusal(code: RateLimitCode, take: Take, tier: Tier | null, seconds: number): string {
  const wait = waitText(seconds);
  const fromAddress =
    take.scope === 'address' && take.bucket.endsWith(`:${UNIDENTIFIED}`) ? 'on this server' : 'from your network';
  switch (code) {
    case 'requests_per_minute':
      return take.scope === 'user'
        ? `Too many requests: at most ${take.limit} a minute. Try again in ${wait}.`
        : `Too many requests ${fromAddress}: at most ${take.limit} a minute. Try again in ${wait}.`;
    case 'messages_per_hour':
      return take.scope === 'user'
        ? `You have sent ${take.limit} messages this hour, the most ${tier === 'guest' ? 'a guest account' : 'an account'} can. You can send more in ${wait}.`
        : `Too many messages ${fromAddress} this hour (at most ${take.limit}). You can send more in ${wait}.`;
    case 'sign_ups_per_hour':
      return `Too many new accounts ${fromAddress} this hour (at most ${take.limit}). Try again in ${wait}.`;
    default:
      return `Too many requests. Try again in ${wait}.`;
  }
}

function waitText(seconds: number): string {
  if (seconds > 90 * 60) {
    const hours = Math.round(seconds / 3600);
    return `about ${hours} hour${hours === 1 ? '' : 's'}`;
  }
  if (seconds <= 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * Redis first, the database when Redis fails or is slow. Limits keep holding through a Redis
 * outage (counted in the database meanwhile, so a bucket may start counting afresh once) rather
 * than failing open, and a Redis that is down costs one timeout per 30 s rather than one per
 * request. When the database is out of reach too, the take throws and the request gets the 503
 * every other database error gives: closed, like the rest of the app.
 */
export class FailoverStore implements RateLimitStore {
  private downUntil = 0;

  constructor(
    private readonly primary: RateLimitStore,
    private readonly fallback: RateLimitStore,
    private readonly timeoutMs = 300,
    private readonly retryAfterMs = 30_000,
  ) {}

  get name() {
    return Date.now() < this.downUntil ? this.fallback.name : this.primary.name;
  }

  async take(takes: readonly BucketTake[], now: number): Promise<Taken> {
    if (Date.now() >= this.downUntil) {
      try {
        return await withTimeout(this.primary.take(takes, now), this.timeoutMs);
      } catch (error) {
        this.downUntil = Date.now() + this.retryAfterMs;
        console.warn(
          `[rate-limit] ${this.primary.name} failed (${(error as Error).message}); counting in ${this.fallback.name} for ${this.retryAfterMs / 1000} s`,
        );
      }
    }
    return this.fallback.take(takes, now);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  promise.catch(() => {}); // a late failure after the timeout is already handled
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
