import { requireAdminPage } from '@/lib/auth/roles';
import { withUser } from '@/lib/db/scope';
import { timeAgo } from '@/lib/format';
import { cronSecret, getConfig } from '@/lib/config';
import { JOBS } from '@/lib/jobs/registry';
import { jobStatuses, type JobRun } from '@/lib/jobs/runs';
import { TableScroller } from '@/components/admin/table-scroller';

export const metadata = { title: 'Jobs' };

/** "Every minute", "Every 15 min", "Every hour", "Every day". */
function every(ms: number): string {
  if (ms === 86_400_000) return 'Every day';
  if (ms === 3_600_000) return 'Every hour';
  if (ms === 60_000) return 'Every minute';
  return ms >= 3_600_000 ? `Every ${ms / 3_600_000} h` : `Every ${ms / 60_000} min`;
}
const duration = (run: JobRun) => {
  const ms = run.finishedAt.getTime() - run.startedAt.getTime();
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
};
const utc = (date: Date) =>
  `${date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' })} UTC`;

export default async function JobsPage() {
  const admin = await requireAdminPage();
  const jobs = await withUser(admin, (tx) => jobStatuses(tx, JOBS));
  const now = new Date();
  const trigger = getConfig().platform.vercel
    ? cronSecret()
      ? 'Vercel Cron calls /api/cron on the schedule in vercel.json (daily on the Hobby plan).'
      : 'Vercel Cron cannot run them: CRON_SECRET is not set, so /api/cron is off. Stale replies and expired calls are still closed when someone reads them.'
    : 'This server looks for due jobs every minute; with several servers, each job still runs on one at a time.';

  return (
    <>
      <header className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight">Scheduled jobs</h1>
        <p className="mt-1 max-w-3xl text-sm text-ink-soft">The housekeeping Hearth does on its own. {trigger}</p>
      </header>
      <TableScroller label="Jobs">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Each job with its last run and when it is next due</caption>
          <thead className="border-b border-line text-xs text-ink-faint">
            <tr>
              <th scope="col" className="px-4 py-2.5 font-medium">
                Job
              </th>
              <th scope="col" className="px-4 py-2.5 font-medium whitespace-nowrap">
                Last run
              </th>
              <th scope="col" className="hidden px-4 py-2.5 font-medium sm:table-cell">
                Duration
              </th>
              <th scope="col" className="hidden px-4 py-2.5 text-right font-medium md:table-cell">
                Rows
              </th>
              <th scope="col" className="hidden px-4 py-2.5 font-medium whitespace-nowrap md:table-cell">
                Next due
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {jobs.map((job) => (
              <tr key={job.name} className="align-top">
                <td className="px-4 py-3">
                  <code className="rounded bg-sunken px-1.5 py-0.5 text-xs">{job.name}</code>
                  <span className="mt-1 block text-xs text-ink-soft">
                    {job.description} {every(job.everyMs)}.
                  </span>
                </td>
                <td className="px-4 py-3">
                  {job.last ? (
                    <>
                      <span className="flex items-center gap-2 whitespace-nowrap">
                        <Outcome run={job.last} />
                        <time
                          className="text-xs text-ink-soft"
                          dateTime={job.last.startedAt.toISOString()}
                          title={utc(job.last.startedAt)}
                        >
                          {timeAgo(job.last.startedAt, now)}
                        </time>
                      </span>
                      {job.last.detail && (
                        <span
                          className={`mt-1 block max-w-md text-xs break-words ${job.last.outcome === 'failed' ? 'text-red-700 dark:text-red-300' : 'text-ink-faint'}`}
                        >
                          {job.last.detail}
                        </span>
                      )}
                    </>
                  ) : (
                    <span className="text-xs text-ink-faint">Not run yet</span>
                  )}
                  <span className="mt-1 block text-xs whitespace-nowrap text-ink-faint md:hidden">
                    Next {nextDue(job.nextDueAt, now)}
                  </span>
                  {job.lastFailure && (
                    <span className="mt-1 block text-xs text-ink-faint">
                      Last failed {timeAgo(job.lastFailure.startedAt, now)}: {job.lastFailure.detail}
                    </span>
                  )}
                </td>
                <td className="hidden px-4 py-3 text-xs text-ink-soft tabular-nums sm:table-cell">
                  {job.last ? duration(job.last) : '—'}
                </td>
                <td className="hidden px-4 py-3 text-right text-xs text-ink-soft tabular-nums md:table-cell">
                  {job.last?.rows ?? '—'}
                </td>
                <td className="hidden px-4 py-3 text-xs whitespace-nowrap text-ink-soft md:table-cell">
                  {job.nextDueAt && job.nextDueAt > now ? (
                    <time dateTime={job.nextDueAt.toISOString()} title={utc(job.nextDueAt)}>
                      {nextDue(job.nextDueAt, now)}
                    </time>
                  ) : (
                    nextDue(job.nextDueAt, now)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroller>
    </>
  );
}

function Outcome({ run }: { run: JobRun }) {
  return run.outcome === 'ok' ? (
    <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">
      OK
    </span>
  ) : (
    <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800 dark:bg-red-950 dark:text-red-300">
      Failed
    </span>
  );
}

/** "in 4 min", "in 2 h", or at the next trigger when it is due already. */
function nextDue(date: Date | null, now: Date): string {
  if (!date || date <= now) return 'At the next trigger';
  const minutes = Math.ceil((date.getTime() - now.getTime()) / 60_000);
  return minutes < 60 ? `in ${minutes} min` : `in ${Math.round(minutes / 60)} h`;
}
