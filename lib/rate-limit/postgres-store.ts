import type { Database, Queryable } from '@/lib/db/client';
import type {
  BucketTake,
  RateLimitStore,
  ReplyClaim,
  ReplyGate,
  ReplyRefusal,
  ReplyTaken,
  SessionClaim,
  Taken,
} from './store';

const SWEEP_EVERY_MS = 60_000;

type TakeRow = { allowed: boolean; counts: number[]; resets_at: Date[] | string[] };

function taken(row: TakeRow): Taken {
  return {
    allowed: row.allowed,
    counts: row.counts.map(Number),
    resetsAt: row.resets_at.map((t) => new Date(t).getTime()),
  };
}
const SWEEP_BATCH = 1000;

/**
 * Counts in the `rate_limit_counters` table through `rate_limit_take` (one round trip per take).
 * A named job outside any user scope, like the start-up maintenance: the counters belong to no
 * user, and no policy lets anon or authenticated reach them.
 */
export class PostgresRateLimitStore implements RateLimitStore, ReplyGate {
  readonly name = 'postgres';
  private lastSweep = 0;

  constructor(private readonly db: () => Promise<Database>) {}

  async take(takes: readonly BucketTake[], now: number): Promise<Taken> {
    const db = await this.db();
    const [row] = await db.query<TakeRow>(
      'select allowed, counts, resets_at from hearth.rate_limit_take($1::text[], $2::integer[], $3::integer[], $4::timestamptz)',
      [
        takes.map((t) => t.bucket),
        takes.map((t) => t.limit),
        takes.map((t) => t.windowMs),
        new Date(now).toISOString(),
      ],
    );
    this.sweepNowAndThen(now);
    return taken(row!);
  }

  /** The take and the session check in one statement: a chat turn adds no round trip for its session. */
  async takeForSession(
    takes: readonly BucketTake[],
    now: number,
    session: SessionClaim,
  ): Promise<Taken & { sessionValid: boolean }> {
    const db = await this.db();
    const [row] = await db.query<TakeRow & { session_valid: boolean }>(
      `select session_valid, allowed, counts, resets_at
         from hearth.rate_limit_take_for_session($1::uuid, $2::uuid, $3::integer, $4::text, $5::boolean,
                                                 $6::text[], $7::integer[], $8::integer[], $9::timestamptz)`,
      [
        session.userId,
        session.sessionId,
        session.version,
        session.role,
        session.isGuest,
        takes.map((t) => t.bucket),
        takes.map((t) => t.limit),
        takes.map((t) => t.windowMs),
        new Date(now).toISOString(),
      ],
    );
    if (!row!.session_valid) return { sessionValid: false, allowed: false, counts: [], resetsAt: [] };
    this.sweepNowAndThen(now);
    return { sessionValid: true, ...taken(row!) };
  }

  /**
   * Everything in front of a reply in one statement (hearth.reply_take): the session when given,
   * the day's budget, a stream slot and the buckets (none when Redis keeps them).
   */
  async takeForReply(takes: readonly BucketTake[], now: number, claim: ReplyClaim): Promise<ReplyTaken> {
    const db = await this.db();
    const session = claim.session;
    const [row] = await db.query<
      TakeRow & {
        session_valid: boolean;
        refusal: ReplyRefusal | null;
        spent: string | number;
        streams: number;
        slot: string | null;
      }
    >(
      `select session_valid, refusal, allowed, counts, resets_at, spent, streams, slot
         from hearth.reply_take($1::uuid, $2::boolean, $3::uuid, $4::integer, $5::text, $6::boolean,
                                $7::text[], $8::integer[], $9::integer[], $10::timestamptz,
                                $11::bigint, $12::integer, $13::integer)`,
      [
        claim.userId,
        session !== null,
        session?.sessionId ?? null,
        session?.version ?? 0,
        session?.role ?? 'user',
        session?.isGuest ?? false,
        takes.map((t) => t.bucket),
        takes.map((t) => t.limit),
        takes.map((t) => t.windowMs),
        new Date(now).toISOString(),
        claim.budgetTokens,
        claim.maxStreams,
        claim.slotTtlMs,
      ],
    );
    const base = {
      sessionValid: row!.session_valid,
      refusal: row!.refusal,
      spent: Number(row!.spent),
      streams: Number(row!.streams),
      slot: row!.slot,
    };
    if (!row!.session_valid || row!.refusal) return { ...base, allowed: false, counts: [], resetsAt: [] };
    if (takes.length > 0) this.sweepNowAndThen(now);
    return { ...base, ...taken(row!) };
  }

  /** Frees a reply's stream slot once the reply is saved (or its start failed). */
  async releaseSlot(slot: string): Promise<void> {
    const db = await this.db();
    await db.query('delete from hearth.stream_slots where id = $1', [slot]);
  }

  private sweepNowAndThen(now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    void this.sweep(now).catch((error: unknown) =>
      console.warn('[rate-limit] sweep failed:', (error as Error).message),
    );
  }

  /**
   * Deletes up to a batch of ended windows (a bucket idle past its window needs no row), skipping
   * rows a take holds: at most once a minute per server, so the table holds only recent callers.
   */
  async sweep(now: number): Promise<number> {
    return sweepEndedWindows(await this.db(), now);
  }
}

/** Deletes up to a batch of ended windows, skipping rows a take holds; the scheduled job (lib/jobs) runs it too. */
export async function sweepEndedWindows(db: Queryable, now: number, batch = SWEEP_BATCH): Promise<number> {
  const rows = await db.query(
    `delete from hearth.rate_limit_counters
      where bucket in (select bucket from hearth.rate_limit_counters
                        where resets_at <= $1::timestamptz
                        order by resets_at limit $2 for update skip locked)
     returning bucket`,
    [new Date(now).toISOString(), batch],
  );
  return rows.length;
}

/**
 * Deletes up to a batch of expired stream slots: those of replies whose process died, for an
 * account that has not asked for a reply since (the reply take clears the caller's own).
 */
export async function sweepExpiredSlots(db: Queryable, now: number, batch = SWEEP_BATCH): Promise<number> {
  const rows = await db.query(
    `delete from hearth.stream_slots
      where id in (select id from hearth.stream_slots where expires_at <= $1::timestamptz
                    order by expires_at limit $2 for update skip locked)
     returning id`,
    [new Date(now).toISOString(), batch],
  );
  return rows.length;
}
