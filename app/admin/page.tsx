import { BarTable, TimeChart } from '@/components/admin/charts';
import { RatingsTable } from '@/components/admin/ratings-table';
import { SetupChecklist } from '@/components/admin/setup-checklist';
import { buttonStyles } from '@/components/ui/button';
import { loadAnalytics, parseRange } from '@/lib/admin/analytics';
import { setupChecklist, setupWarnings } from '@/lib/admin/setup';
import { requireAdminPage } from '@/lib/auth/roles';
import { isHearthError } from '@/lib/errors';
import { TableScroller } from '@/components/admin/table-scroller';

// The admin layout's title template does not reach the page beside it: this one says it whole.
export const metadata = { title: { absolute: 'Analytics · Hearth admin' } };

type Props = { searchParams: Promise<{ from?: string; to?: string }> };

const int = (v: number) => Math.round(v).toLocaleString('en-US');
const compact = (v: number) => Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(v);
const usd = (v: number) =>
  v === 0
    ? '$0'
    : v < 0.01
      ? `$${v.toFixed(4)}`
      : `$${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const pct = (v: number) => `${(v * 100).toFixed(v > 0 && v < 0.01 ? 2 : 1)}%`;
const ms = (v: number | null) => (v === null ? '—' : v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${v} ms`);

export default async function AnalyticsPage({ searchParams }: Props) {
  const admin = await requireAdminPage();
  const query = await searchParams;
  let rangeError: string | null = null;
  let range;
  try {
    range = parseRange({ from: query.from, to: query.to });
  } catch (error) {
    if (!isHearthError(error)) throw error;
    rangeError = error.message;
    range = parseRange({});
  }
  const a = await loadAnalytics(admin, range);
  const days = a.daily.map((d) => d.day);
  const csv = `/api/admin/analytics?${new URLSearchParams({ from: range.from, to: range.to, format: 'csv' })}`;
  const errorRates = a.daily.map((d) => (d.replies ? d.errors / d.replies : 0));

  return (
    <>
      <header className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Usage and cost</h1>
          <p className="mt-1 text-sm text-ink-soft">
            Totals across everyone, by day (UTC). Nobody’s messages are shown here, only counts.
          </p>
        </div>
        <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Date range">
          <label className="flex flex-col gap-1 text-xs text-ink-faint">
            From
            <input
              type="date"
              name="from"
              defaultValue={range.from}
              className="rounded-xl border border-line bg-raised px-3 py-1.5 text-sm text-ink"
            />
          </label>
          <label className="flex flex-col gap-1 text-xs text-ink-faint">
            To
            <input
              type="date"
              name="to"
              defaultValue={range.to}
              className="rounded-xl border border-line bg-raised px-3 py-1.5 text-sm text-ink"
            />
          </label>
          <button type="submit" className={`${buttonStyles.secondary} !py-1.5`}>
            Apply
          </button>
          <a href={csv} download className={`${buttonStyles.ghost} !py-1.5`}>
            Export CSV
          </a>
        </form>
      </header>
      <SetupChecklist items={setupChecklist()} warnings={setupWarnings()} />
      {rangeError && (
        <p
          role="alert"
          className="mb-4 rounded-xl bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/50 dark:text-red-200"
        >
          {rangeError} Showing the last 30 days instead.
        </p>
      )}

      <dl className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-5">
        {[
          ['Messages', int(a.totals.messages)],
          ['Active users', int(a.totals.activeUsers)],
          ['Tokens in / out', `${compact(a.totals.inputTokens)} / ${compact(a.totals.outputTokens)}`],
          ['Cost', usd(a.totals.costUsd)],
          ['Error rate', `${pct(a.totals.errorRate)}`],
        ].map(([label, value]) => (
          <div key={label} className="rounded-2xl border border-line bg-raised px-4 py-3">
            <dt className="text-xs text-ink-faint">{label}</dt>
            <dd className="mt-1 text-xl font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>

      {a.totals.messages === 0 && (
        <p className="mb-6 rounded-2xl border border-dashed border-line p-6 text-center text-sm text-ink-soft">
          No messages in this range yet. Pick another range, or come back once people have talked to a companion.
        </p>
      )}

      <div className="grid gap-4 xl:grid-cols-2">
        <TimeChart
          id="messages"
          title="Messages per day"
          description={`Messages written by people and companions each day from ${range.from} to ${range.to}.`}
          days={days}
          series={[{ label: 'Messages', color: '#d95f08', values: a.daily.map((d) => d.messages) }]}
          format={compact}
        />
        <TimeChart
          id="tokens"
          title="Tokens per day"
          description="Input and output tokens of replies each day."
          days={days}
          kind="line"
          series={[
            { label: 'Input', color: '#0d9488', values: a.daily.map((d) => d.inputTokens) },
            { label: 'Output', color: '#7c3aed', values: a.daily.map((d) => d.outputTokens) },
          ]}
          format={compact}
        />
        <TimeChart
          id="users"
          title="Active users per day"
          description="People who sent at least one message each day."
          days={days}
          series={[{ label: 'Active users', color: '#2563eb', values: a.daily.map((d) => d.activeUsers) }]}
          format={compact}
        />
        <TimeChart
          id="errors"
          title="Error rate per day"
          description="Share of replies that ended in an error each day."
          days={days}
          kind="line"
          series={[{ label: 'Error rate', color: '#dc2626', values: errorRates }]}
          format={pct}
        />
      </div>

      <h2 className="mt-8 text-lg font-semibold">Cost</h2>
      <p className="mb-3 text-sm text-ink-soft">
        Replies here are every message a companion wrote (opening greetings included) and every API request, errors too.
      </p>
      <div className="grid gap-4 lg:grid-cols-3">
        <BarTable
          title="By model"
          valueLabel="Cost"
          format={usd}
          rows={a.byModel.map((r) => ({
            key: r.key,
            label: r.label,
            value: r.costUsd,
            detail: `${int(r.replies)} replies`,
          }))}
        />
        <BarTable
          title="By provider"
          valueLabel="Cost"
          format={usd}
          rows={a.byProvider.map((r) => ({
            key: r.key,
            label: r.label,
            value: r.costUsd,
            detail: `${int(r.replies)} replies`,
          }))}
        />
        <BarTable
          title="By companion"
          valueLabel="Cost"
          format={usd}
          rows={a.byCompanion.map((r) => ({
            key: r.key,
            label: r.label,
            value: r.costUsd,
            detail: `${int(r.replies)} replies`,
          }))}
        />
      </div>

      <h2 className="mt-8 text-lg font-semibold">Ratings</h2>
      <p className="mb-3 text-sm text-ink-soft">
        Thumbs up and down people gave the replies written in this range, counted as they stand now.
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        <RatingsTable title="Ratings by companion" nameLabel="Companion" rows={a.ratings.byCompanion} />
        <RatingsTable title="Ratings by model" nameLabel="Model" rows={a.ratings.byModel} />
      </div>

      <h2 className="mt-8 text-lg font-semibold">Speed by model</h2>
      <p className="mb-3 text-sm text-ink-soft">
        Counts only the replies that were timed: those generated in the web chat and in calls. Greetings and API
        requests have no timing, so these counts are lower than the ones under Cost.
      </p>
      <TableScroller label="Speed by model">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">
            Time to first token and total latency per model, median and 95th percentile
          </caption>
          <thead className="border-b border-line text-xs text-ink-faint">
            <tr>
              <th scope="col" className="px-4 py-2.5 font-medium">
                Model
              </th>
              <th scope="col" className="px-4 py-2.5 text-right font-medium">
                Replies
              </th>
              <th scope="col" className="px-4 py-2.5 text-right font-medium">
                First token p50
              </th>
              <th scope="col" className="px-4 py-2.5 text-right font-medium">
                First token p95
              </th>
              <th scope="col" className="px-4 py-2.5 text-right font-medium">
                Latency p50
              </th>
              <th scope="col" className="px-4 py-2.5 text-right font-medium">
                Latency p95
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line tabular-nums">
            {a.latency.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-4 py-6 text-center text-ink-faint">
                  No timed replies in this range.
                </td>
              </tr>
            ) : (
              a.latency.map((l) => (
                <tr key={l.model}>
                  <th scope="row" className="px-4 py-2 font-normal">
                    {l.model}
                  </th>
                  <td className="px-4 py-2 text-right">{int(l.replies)}</td>
                  <td className="px-4 py-2 text-right">{ms(l.ttftP50)}</td>
                  <td className="px-4 py-2 text-right">{ms(l.ttftP95)}</td>
                  <td className="px-4 py-2 text-right">{ms(l.latencyP50)}</td>
                  <td className="px-4 py-2 text-right">{ms(l.latencyP95)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </TableScroller>
      <p className="mt-2 text-xs text-ink-faint">
        Percentiles come from log-scale histograms and are accurate to about 12%. Figures as of{' '}
        {new Date(a.refreshedAt).toLocaleString('en-GB', { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' })}{' '}
        UTC.
      </p>
    </>
  );
}
