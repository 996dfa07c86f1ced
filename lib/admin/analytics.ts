import type { Database, Queryable } from '@/lib/db/client';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { csvCell } from './csv';
import { loadRatings, type RatingRow, type RatingTotals } from './rating-analytics';

// The dashboard's numbers, all from the admin-only rollup tables (usage_daily*): counts, tokens,
// cost and latency histograms. No query here reads a message's text.

export type DayRange = { from: string; to: string };

export type DailyUsage = {
  day: string;
  messages: number;
  replies: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  activeUsers: number;
};
export type CostRow = {
  key: string;
  label: string;
  replies: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
};
export type LatencyRow = {
  model: string;
  replies: number;
  ttftP50: number | null;
  ttftP95: number | null;
  latencyP50: number | null;
  latencyP95: number | null;
};

export type Analytics = {
  range: DayRange;
  refreshedAt: string;
  totals: {
    messages: number;
    replies: number;
    errors: number;
    errorRate: number;
    inputTokens: number;
    outputTokens: number;
    costUsd: number;
    activeUsers: number;
  };
  daily: DailyUsage[];
  byModel: CostRow[];
  byProvider: CostRow[];
  byCompanion: CostRow[];
  latency: LatencyRow[];
  /** Thumbs up and down on replies written in the range. */
  ratings: RatingTotals;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 366;

/** A valid range from query strings (default: the last 30 days, UTC), or a 400 naming the field. */
export function parseRange(input: { from?: string | null; to?: string | null }, today = new Date()): DayRange {
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const checked = (param: 'from' | 'to', value: string) => {
    if (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
      throw new HearthError('bad_request', `"${param}" must be a date like 2026-01-31.`, { param });
    }
    return value;
  };
  // `to` is checked before the default `from` is counted back from it (an invalid date there threw a RangeError: a 500).
  const to = checked('to', input.to || iso(today));
  const from = checked('from', input.from || iso(new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000)));
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days < 1) throw new HearthError('bad_request', '"from" must not be after "to".', { param: 'from' });
  if (days > MAX_DAYS)
    throw new HearthError('bad_request', `A range can span at most ${MAX_DAYS} days.`, { param: 'from' });
  return { from, to };
}

/** A bucket's representative value in ms: the geometric middle of 1.25^b - 1 .. 1.25^(b+1) - 1. */
export function bucketMs(bucket: number): number {
  return Math.round(1.25 ** (bucket + 0.5) - 1);
}

export async function loadAnalytics(admin: UserScope, range: DayRange, db?: Database): Promise<Analytics> {
  return withUser(
    admin,
    async (tx) => {
      const [{ refreshed }] = (await tx.query<{ refreshed: string }>(
        'select hearth.refresh_usage_rollups()::text as refreshed',
      )) as [{ refreshed: string }];
      const [daily, users, byModel, byProvider, byCompanion, latency] = await runAll(tx, range);
      const ratings = await loadRatings(tx, range);
      const byDay = new Map(daily.map((d) => [d.day, d]));
      const usersByDay = new Map(users.perDay.map((u) => [u.day, u.n]));
      const days: DailyUsage[] = [];
      for (let t = Date.parse(`${range.from}T00:00:00Z`); t <= Date.parse(`${range.to}T00:00:00Z`); t += 86_400_000) {
        const day = new Date(t).toISOString().slice(0, 10);
        const row = byDay.get(day);
        days.push({
          day,
          messages: row?.messages ?? 0,
          replies: row?.replies ?? 0,
          errors: row?.errors ?? 0,
          inputTokens: row?.inputTokens ?? 0,
          outputTokens: row?.outputTokens ?? 0,
          costUsd: row?.costUsd ?? 0,
          activeUsers: usersByDay.get(day) ?? 0,
        });
      }
      const sum = (key: keyof DailyUsage) => days.reduce((total, d) => total + (d[key] as number), 0);
      const replies = sum('replies');
      const errors = sum('errors');
      return {
        range,
        refreshedAt: refreshed,
        totals: {
          messages: sum('messages'),
          replies,
          errors,
          errorRate: replies ? errors / replies : 0,
          inputTokens: sum('inputTokens'),
          outputTokens: sum('outputTokens'),
          costUsd: sum('costUsd'),
          activeUsers: users.total,
        },
        daily: days,
        byModel,
        byProvider,
        byCompanion,
        latency,
        ratings,
      };
    },
    db,
  );
}

// The dashboard's queries, one after another on the transaction's connection.
async function runAll(tx: Queryable, { from, to }: DayRange) {
  const range = [from, to];
  const sums = `sum(replies)::int as replies, sum(input_tokens)::float8 as "inputTokens",
    sum(output_tokens)::float8 as "outputTokens", sum(cost_usd)::float8 as "costUsd"`;
  const daily = await tx.query<Omit<DailyUsage, 'activeUsers'>>(
    `select day::text as day, sum(user_messages + replies)::int as messages, sum(replies)::int as replies,
            sum(errors)::int as errors, sum(input_tokens)::float8 as "inputTokens", sum(output_tokens)::float8 as "outputTokens",
            sum(cost_usd)::float8 as "costUsd"
       from hearth.usage_daily where day between $1::date and $2::date group by day order by day`,
    range,
  );
  const perDay = await tx.query<{ day: string; n: number }>(
    'select day::text as day, users as n from hearth.usage_daily_active where day between $1::date and $2::date',
    range,
  );
  const [total] = await tx.query<{ n: number }>(
    // group by, then count: PostgreSQL hashes it, where count(distinct) sorts (twice as slow at 450k rows).
    'select count(*)::int as n from (select user_id from hearth.usage_daily_users where day between $1::date and $2::date group by user_id) t',
    range,
  );
  const byModel = await tx.query<CostRow>(
    `select model as key, model as label, ${sums} from hearth.usage_daily
      where day between $1::date and $2::date group by model having sum(replies) > 0 order by 6 desc, 3 desc`,
    range,
  );
  const byProvider = await tx.query<CostRow>(
    `select provider as key, provider as label, ${sums} from hearth.usage_daily
      where day between $1::date and $2::date group by provider having sum(replies) > 0 order by 6 desc, 3 desc`,
    range,
  );
  const byCompanion = await tx.query<CostRow>(
    `select coalesce(u.companion_id::text, 'none') as key,
            coalesce(min(c.name), case when u.companion_id is null then 'No companion (API)' else 'Unknown' end) as label,
            sum(u.replies)::int as replies,
            sum(u.input_tokens)::float8 as "inputTokens", sum(u.output_tokens)::float8 as "outputTokens", sum(u.cost_usd)::float8 as "costUsd"
       from hearth.usage_daily u left join hearth.companions c on c.id = u.companion_id
      where u.day between $1::date and $2::date group by u.companion_id order by 6 desc, 3 desc`,
    range,
  );
  const percentiles = await tx.query<{ model: string; kind: number; n: number; p50: number; p95: number }>(
    `with h as (
       select model, kind, bucket, sum(n)::float8 as n from hearth.usage_daily_latency
        where day between $1::date and $2::date group by model, kind, bucket
     ), c as (
       select model, kind, bucket, n,
              sum(n) over (partition by model, kind order by bucket) as cum,
              sum(n) over (partition by model, kind) as total
         from h
     )
     select model, kind, max(total)::int as n,
            min(bucket) filter (where cum >= 0.5 * total)::int as p50,
            min(bucket) filter (where cum >= 0.95 * total)::int as p95
       from c group by model, kind`,
    range,
  );
  const latencyByModel = new Map<string, LatencyRow>();
  for (const p of percentiles) {
    const row = latencyByModel.get(p.model) ?? {
      model: p.model,
      replies: 0,
      ttftP50: null,
      ttftP95: null,
      latencyP50: null,
      latencyP95: null,
    };
    if (p.kind === 0) Object.assign(row, { ttftP50: bucketMs(p.p50), ttftP95: bucketMs(p.p95) });
    else Object.assign(row, { latencyP50: bucketMs(p.p50), latencyP95: bucketMs(p.p95), replies: p.n });
    latencyByModel.set(p.model, row);
  }
  const latency = [...latencyByModel.values()].sort((a, b) => b.replies - a.replies);
  return [daily, { perDay, total: total?.n ?? 0 }, byModel, byProvider, byCompanion, latency] as const;
}

/** The same numbers as CSV: one section per table, a blank line between them. */
export function analyticsCsv(a: Analytics): string {
  const table = (title: string, header: string[], rows: unknown[][]) =>
    [[`# ${title}`], header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n');
  const cost = (rows: CostRow[]) =>
    rows.map((r) => [r.label, r.replies, r.inputTokens, r.outputTokens, r.costUsd.toFixed(6)]);
  return (
    [
      table(
        `Hearth usage ${a.range.from} to ${a.range.to} (UTC)`,
        ['messages', 'replies', 'errors', 'error_rate', 'input_tokens', 'output_tokens', 'cost_usd', 'active_users'],
        [
          [
            a.totals.messages,
            a.totals.replies,
            a.totals.errors,
            a.totals.errorRate.toFixed(4),
            a.totals.inputTokens,
            a.totals.outputTokens,
            a.totals.costUsd.toFixed(6),
            a.totals.activeUsers,
          ],
        ],
      ),
      table(
        'Per day',
        ['day', 'messages', 'replies', 'errors', 'input_tokens', 'output_tokens', 'cost_usd', 'active_users'],
        a.daily.map((d) => [
          d.day,
          d.messages,
          d.replies,
          d.errors,
          d.inputTokens,
          d.outputTokens,
          d.costUsd.toFixed(6),
          d.activeUsers,
        ]),
      ),
      table('Cost by model', ['model', 'replies', 'input_tokens', 'output_tokens', 'cost_usd'], cost(a.byModel)),
      table(
        'Cost by provider',
        ['provider', 'replies', 'input_tokens', 'output_tokens', 'cost_usd'],
        cost(a.byProvider),
      ),
      table(
        'Cost by companion',
        ['companion', 'replies', 'input_tokens', 'output_tokens', 'cost_usd'],
        cost(a.byCompanion),
      ),
      table(
        'Latency by model (ms, approximate to about 12%)',
        ['model', 'replies', 'ttft_p50', 'ttft_p95', 'latency_p50', 'latency_p95'],
        a.latency.map((l) => [l.model, l.replies, l.ttftP50, l.ttftP95, l.latencyP50, l.latencyP95]),
      ),
      table('Ratings by companion', ['companion', ...RATING_COLUMNS], a.ratings.byCompanion.map(ratingCells)),
      table('Ratings by model', ['model', ...RATING_COLUMNS], a.ratings.byModel.map(ratingCells)),
    ].join('\r\n\r\n') + '\r\n'
  );
}

const RATING_COLUMNS = ['thumbs_up', 'thumbs_down', 'positive_rate'];
const ratingCells = (r: RatingRow) => [r.label, r.up, r.down, r.positiveRate.toFixed(4)];
