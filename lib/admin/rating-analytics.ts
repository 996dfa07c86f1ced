import type { Queryable } from '@/lib/db/client';

/** Thumbs on replies written in the range, for one companion or one model. */
export type RatingRow = { key: string; label: string; up: number; down: number; positiveRate: number };

export type RatingTotals = { byCompanion: RatingRow[]; byModel: RatingRow[] };

/**
 * The dashboard's ratings, counted from the messages directly (hearth.reply_rating_counts, admins
 * only, over the partial index of rated replies) rather than from the daily rollups: a rating can
 * come or change long after its reply's day, which a rollup refresh does not revisit. A rating
 * counts in the range its reply was written in, as replies do in the rest of the dashboard.
 */
export async function loadRatings(tx: Queryable, { from, to }: { from: string; to: string }): Promise<RatingTotals> {
  const rows = await tx.query<{
    companionId: string | null;
    companion: string | null;
    model: string;
    up: number;
    down: number;
  }>(
    `select r.companion_id as "companionId", c.name as companion, r.model, r.up, r.down
       from hearth.reply_rating_counts($1::date, $2::date) r
       left join hearth.companions c on c.id = r.companion_id`,
    [from, to],
  );
  return {
    byCompanion: totalsBy(rows, (r) => [r.companionId ?? 'none', r.companion ?? 'Unknown']),
    byModel: totalsBy(rows, (r) => [r.model, r.model]),
  };
}

function totalsBy<T extends { up: number; down: number }>(rows: T[], keyOf: (row: T) => [string, string]): RatingRow[] {
  const totals = new Map<string, RatingRow>();
  for (const row of rows) {
    const [key, label] = keyOf(row);
    const total = totals.get(key) ?? { key, label, up: 0, down: 0, positiveRate: 0 };
    total.up += row.up;
    total.down += row.down;
    totals.set(key, total);
  }
  return [...totals.values()]
    .map((total) => ({ ...total, positiveRate: total.up / (total.up + total.down) }))
    .sort((a, b) => b.up + b.down - (a.up + a.down) || a.label.localeCompare(b.label));
}
