import { createHmac } from 'node:crypto';
import type { Database } from '@/lib/db/client';
import { HearthError } from '@/lib/errors';
import { UNIDENTIFIED } from '@/lib/rate-limit/client-address';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * When attempts start to wait: `free` attempts in a row without waiting, then base, twice base,
 * four times base ... up to `capMs` after each further one. A key forgets its attempts once none
 * has come for `forgetMs`.
 */
export type ThrottlePolicy = { free: number; baseMs: number; capMs: number; forgetMs: number };

/**
 * One account (or one known device of it): 5 free attempts, then 1 s, 2 s, 4 s ... and from the
 * 15th attempt on, 15 minutes after each. That is about 15 guesses in the first 20 minutes and 4 an
 * hour after that, while the owner is never kept waiting longer than 15 minutes by a wrong guess.
 */
export const ACCOUNT_POLICY: ThrottlePolicy = { free: 5, baseMs: SECOND, capMs: 15 * MINUTE, forgetMs: 24 * HOUR };

/** One client address, over every account: credential stuffing. Generous, since a NAT holds many people. */
export const ADDRESS_POLICY: ThrottlePolicy = { free: 30, baseMs: SECOND, capMs: 15 * MINUTE, forgetMs: HOUR };

/** The keys one sign-in attempt counts in. */
export type SignInAttempt = {
  /** The account's key, or the known device's for this account when the browser proves it is one. */
  owner: string;
  /** The client address's key; null when the address is not known (then it would be everyone's). */
  address: string | null;
};

/**
 * The keys of an attempt. With a known device (a browser that signed in to this account before,
 * known-device.ts) the attempt counts against that device rather than the account, so failures
 * from elsewhere never lock the owner out of their own browsers, and a stolen device cookie is
 * throttled like the account itself. The account is keyed by an HMAC of the email, whether or not
 * an account has it: unknown addresses are throttled exactly like known ones.
 */
export function signInAttempt(
  email: string,
  options: { address: string; deviceId: string | null; secret: string },
): SignInAttempt {
  const account = createHmac('sha256', options.secret)
    .update(`sign-in-throttle:${email.toLowerCase()}`)
    .digest('base64url');
  return {
    owner: options.deviceId ? `device:${options.deviceId}:${account.slice(0, 16)}` : `account:${account}`,
    address: options.address === UNIDENTIFIED ? null : `address:${options.address}`,
  };
}

/** Failed sign-ins in the database (hearth.sign_in_throttle), outside any user scope, like the rate limits. */
export class SignInThrottle {
  private lastSweep = 0;

  constructor(
    private readonly db: () => Promise<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts the attempt, or refuses it with a 429 when one of its keys is waiting out a lock (counting nothing). */
  async begin(attempt: SignInAttempt): Promise<void> {
    const keys = keysOf(attempt);
    const now = this.now();
    const db = await this.db();
    const [row] = await db.query<{ allowed: boolean; retry_at: Date | string | null }>(
      'select allowed, retry_at from hearth.sign_in_attempt($1::text[], $2::integer[], $3::integer[], $4::integer[], $5::integer[], $6::timestamptz)',
      [
        keys.map((k) => k.key),
        keys.map((k) => k.policy.free),
        keys.map((k) => k.policy.baseMs),
        keys.map((k) => k.policy.capMs),
        keys.map((k) => k.policy.forgetMs),
        new Date(now).toISOString(),
      ],
    );
    this.sweepNowAndThen(db, now);
    if (row?.allowed) return;
    const seconds = Math.max(1, Math.ceil((new Date(row!.retry_at!).getTime() - now) / 1000));
    throw new HearthError('rate_limited', `Too many sign-in attempts. Try again in ${waitText(seconds)}.`, {
      publicCode: 'sign_in_attempts',
      headers: { 'retry-after': String(seconds) },
    });
  }

  /** The attempt was right: the account (or device) starts afresh; the address gets the attempt back. */
  async succeeded(attempt: SignInAttempt): Promise<void> {
    const refund = attempt.address ? [{ key: attempt.address, policy: ADDRESS_POLICY }] : [];
    const db = await this.db();
    await db.query(
      'select hearth.sign_in_succeeded($1::text[], $2::text[], $3::integer[], $4::integer[], $5::integer[])',
      [
        [attempt.owner],
        refund.map((k) => k.key),
        refund.map((k) => k.policy.free),
        refund.map((k) => k.policy.baseMs),
        refund.map((k) => k.policy.capMs),
      ],
    );
  }

  /** At most once a minute: keys idle for a day are forgotten anyway. */
  private sweepNowAndThen(db: Database, now: number): void {
    if (now - this.lastSweep < MINUTE) return;
    this.lastSweep = now;
    void db
      .query(
        `delete from hearth.sign_in_throttle
          where key in (select key from hearth.sign_in_throttle
                         where last_attempt_at < $1::timestamptz and (locked_until is null or locked_until < $1::timestamptz)
                         limit 1000 for update skip locked)`,
        [new Date(now - 24 * HOUR).toISOString()],
      )
      .catch((error: unknown) => console.warn('[sign-in] throttle sweep failed:', (error as Error).message));
  }
}

function keysOf(attempt: SignInAttempt): { key: string; policy: ThrottlePolicy }[] {
  return [
    { key: attempt.owner, policy: ACCOUNT_POLICY },
    ...(attempt.address ? [{ key: attempt.address, policy: ADDRESS_POLICY }] : []),
  ];
}

function waitText(seconds: number): string {
  if (seconds <= 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
