import type { RatingRow } from '@/lib/admin/rating-analytics';

const int = (v: number) => v.toLocaleString('en-US');
const percent = (v: number) => `${Math.round(v * 100)}%`;

/** Thumbs up and down for one grouping (companions or models), with the share positive as a bar. */
export function RatingsTable({ title, nameLabel, rows }: { title: string; nameLabel: string; rows: RatingRow[] }) {
  return (
    <section className="rounded-2xl border border-line bg-raised p-4" aria-label={title}>
      <h3 className="text-sm font-semibold">{title}</h3>
      {rows.length === 0 ? (
        <p className="py-4 text-center text-sm text-ink-faint">No rated replies in this range.</p>
      ) : (
        <table className="mt-2 w-full text-sm">
          <caption className="sr-only">{title}: thumbs up, thumbs down and the share positive</caption>
          <thead className="text-xs text-ink-faint">
            <tr>
              <th scope="col" className="py-1.5 pr-3 text-left font-medium">
                {nameLabel}
              </th>
              <th scope="col" className="py-1.5 pl-2 text-right font-medium">
                Up
              </th>
              <th scope="col" className="py-1.5 pl-2 text-right font-medium">
                Down
              </th>
              <th scope="col" className="py-1.5 pl-2 text-right font-medium">
                Positive
              </th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {rows.map((r) => (
              <tr key={r.key} data-testid="rating-row">
                <th scope="row" className="py-1.5 pr-3 text-left align-top font-normal [overflow-wrap:anywhere]">
                  {r.label}
                  <span
                    className="mt-1 flex h-1.5 overflow-hidden rounded-full bg-red-200 dark:bg-red-900"
                    aria-hidden="true"
                  >
                    <span
                      className="bg-emerald-600 dark:bg-emerald-500"
                      style={{ width: `${r.positiveRate * 100}%` }}
                    />
                  </span>
                </th>
                <td className="py-1.5 pl-2 text-right align-top">{int(r.up)}</td>
                <td className="py-1.5 pl-2 text-right align-top">{int(r.down)}</td>
                <td className="py-1.5 pl-2 text-right align-top">{percent(r.positiveRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
