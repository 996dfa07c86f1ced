// Charts drawn as SVG on the server: no chart library, no client JavaScript. Each chart has a
// title and description for screen readers, axes with units, and the same numbers as a table.

type Series = { label: string; color: string; values: number[] };

const W = 480;
const H = 200;
const PAD = { top: 12, right: 12, bottom: 28, left: 56 };

/** A "nice" upper bound for an axis: 1, 2 or 5 times a power of ten. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((m) => m >= value)!;
}

export function TimeChart({
  id,
  title,
  description,
  days,
  series,
  kind = 'bar',
  format,
}: {
  id: string;
  title: string;
  description: string;
  days: string[];
  series: Series[];
  kind?: 'bar' | 'line';
  format: (value: number) => string;
}) {
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (days.length <= 1 ? innerW / 2 : (i / (days.length - 1)) * innerW);
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const band = innerW / Math.max(days.length, 1);
  const labelled = days.length <= 1 ? [0] : [0, Math.floor((days.length - 1) / 2), days.length - 1];
  const total = series.map((s) => s.values.reduce((a, b) => a + b, 0));
  // A line needs two days with data to mean anything: one day's data as a line reads as a rise
  // from zero (review D34), so it is drawn as bars.
  const daysWithData = days.filter((_, i) => series.some((s) => (s.values[i] ?? 0) > 0)).length;
  const shape = kind === 'line' && daysWithData >= 2 ? 'line' : 'bar';

  return (
    <figure className="rounded-2xl border border-line bg-raised p-4">
      <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <span className="text-sm font-semibold" id={`${id}-title`}>
          {title}
        </span>
        <span className="flex flex-wrap gap-3 text-xs text-ink-soft">
          {series.map((s, i) => (
            <span key={s.label} className="inline-flex items-center gap-1.5">
              <span className="inline-block size-2.5 rounded-sm" style={{ background: s.color }} aria-hidden="true" />
              {s.label}: <strong className="font-semibold text-ink">{format(total[i]!)}</strong>
            </span>
          ))}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="h-auto w-full text-ink-faint"
      >
        <desc id={`${id}-desc`}>{description}</desc>
        {[0, 0.5, 1].map((t) => (
          <g key={t}>
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y(max * t)}
              y2={y(max * t)}
              stroke="currentColor"
              strokeOpacity={t === 0 ? 0.5 : 0.18}
            />
            <text
              x={PAD.left - 6}
              y={y(max * t)}
              textAnchor="end"
              dominantBaseline="middle"
              fontSize="13"
              fill="currentColor"
            >
              {format(max * t)}
            </text>
          </g>
        ))}
        {labelled.map((i) => (
          <text
            key={i}
            x={x(i)}
            y={H - 8}
            textAnchor={
              i === 0 && days.length > 1 ? 'start' : i === days.length - 1 && days.length > 1 ? 'end' : 'middle'
            }
            fontSize="13"
            fill="currentColor"
          >
            {days[i]?.slice(5)}
          </text>
        ))}
        {shape === 'bar'
          ? series.map((s, si) =>
              s.values.map((v, i) => {
                const w = Math.max(1, (band * 0.8) / series.length);
                const left = PAD.left + i * band + band * 0.1 + si * w;
                return v > 0 ? (
                  <rect
                    key={`${si}-${i}`}
                    x={left}
                    y={y(v)}
                    width={w}
                    height={Math.max(0.5, y(0) - y(v))}
                    rx={Math.min(2, w / 2)}
                    fill={s.color}
                  >
                    <title>{`${days[i]}: ${format(v)} ${s.label.toLowerCase()}`}</title>
                  </rect>
                ) : null;
              }),
            )
          : series.map((s) => (
              <polyline
                key={s.label}
                fill="none"
                stroke={s.color}
                strokeWidth={2}
                strokeLinejoin="round"
                points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')}
              />
            ))}
      </svg>
      <details className="mt-2 text-xs">
        <summary className="cursor-pointer text-ink-soft">Show as a table</summary>
        <div className="mt-2 max-h-64 overflow-auto">
          <table className="w-full text-left">
            <caption className="sr-only">{title}, per day</caption>
            <thead>
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Day (UTC)
                </th>
                {series.map((s) => (
                  <th key={s.label} scope="col" className="py-1 pr-3 text-right font-medium">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {days.map((d, i) => (
                <tr key={d} className="border-t border-line">
                  <th scope="row" className="py-1 pr-3 font-normal">
                    {d}
                  </th>
                  {series.map((s) => (
                    <td key={s.label} className="py-1 pr-3 text-right tabular-nums">
                      {format(s.values[i] ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** Horizontal bars in a real table: the bar is decoration, the number is the content. Names wrap, never truncate. */
export function BarTable({
  title,
  rows,
  valueLabel,
  format,
}: {
  title: string;
  rows: { key: string; label: string; value: number; detail?: string }[];
  valueLabel: string;
  format: (v: number) => string;
}) {
  const max = Math.max(0, ...rows.map((r) => r.value));
  return (
    <section className="rounded-2xl border border-line bg-raised p-4">
      <h3 className="text-sm font-semibold">{title}</h3>
      {rows.length === 0 ? (
        <p className="py-4 text-center text-sm text-ink-faint">No replies in this range.</p>
      ) : (
        <table className="mt-2 w-full text-sm">
          <caption className="sr-only">{title}</caption>
          <thead className="sr-only">
            <tr>
              <th scope="col">Name</th>
              <th scope="col">{valueLabel}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, 12).map((r) => (
              <tr key={r.key}>
                <th scope="row" className="py-1.5 pr-3 text-left align-top font-normal [overflow-wrap:anywhere]">
                  {r.label}
                  <span
                    className="mt-1 block h-1.5 rounded-full bg-ember-500"
                    style={{ width: `${max ? Math.max(2, (r.value / max) * 100) : 0}%` }}
                    aria-hidden="true"
                  />
                </th>
                <td className="py-1.5 text-right align-top text-xs whitespace-nowrap tabular-nums">
                  {format(r.value)}
                  {r.detail && <span className="block text-ink-faint">{r.detail}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
