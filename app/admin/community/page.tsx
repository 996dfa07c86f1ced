import Link from 'next/link';
import { CompanionModerationActions } from '@/components/admin/companion-moderation-actions';
import { TableScroller } from '@/components/admin/table-scroller';
import { Avatar } from '@/components/ui/avatar';
import { moderationQueue, type ModeratedCompanion } from '@/lib/admin/moderation';
import { requireAdminPage } from '@/lib/auth/roles';
import { REPORT_REASONS } from '@/lib/companions/report-reasons';
import { AUDIENCE_LABELS } from '@/lib/companions/own-schemas';
import { shortTime } from '@/lib/format';

export const metadata = { title: 'Community' };

type Props = { searchParams: Promise<{ show?: string }> };

const VIEWS = [
  { value: 'all', label: 'Everything' },
  { value: 'reported', label: 'Open reports' },
] as const;

const badge = 'rounded-full px-2 py-0.5 text-[11px] font-semibold whitespace-nowrap';
const BADGES = {
  hidden: { label: 'Hidden', className: 'bg-sunken text-ink-soft ring-1 ring-line' },
  featured: { label: 'Featured', className: 'bg-ember-100 text-ember-900 dark:bg-ember-950 dark:text-ember-200' },
  removed: { label: 'Removed', className: 'bg-stone-800 text-white dark:bg-stone-200 dark:text-stone-900' },
  nsfw: { label: 'NSFW', className: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300' },
} as const;

/**
 * The moderation queue of people's companions: the reported ones first (most reports, newest
 * report), then every other companion shared with everyone. Each row's actions apply at once and
 * are audited (/admin/audit, Community).
 */
export default async function CommunityModerationPage({ searchParams }: Props) {
  const admin = await requireAdminPage();
  const { show } = await searchParams;
  const view = show === 'reported' ? 'reported' : 'all';
  const queue = await moderationQueue(admin);
  const reported = queue.filter((c) => c.openReports > 0).length;
  const rows = view === 'reported' ? queue.filter((c) => c.openReports > 0) : queue;

  return (
    <>
      <header className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight">Community</h1>
        <p className="mt-1 text-sm text-ink-soft">
          Companions people made and shared. Reported ones come first; hide, feature, re-label or remove them. Every
          action is kept in the audit log.
        </p>
      </header>

      <nav aria-label="Filter the queue" className="mb-4 flex flex-wrap items-center gap-1">
        {VIEWS.map((v) => (
          <Link
            key={v.value}
            href={v.value === 'all' ? '/admin/community' : `/admin/community?show=${v.value}`}
            aria-current={view === v.value ? 'page' : undefined}
            className={`rounded-full px-3 py-1 text-sm ${view === v.value ? 'bg-stone-900 text-white dark:bg-stone-100 dark:text-stone-900' : 'text-ink-soft hover:bg-sunken'}`}
          >
            {v.label}
            {v.value === 'reported' && reported > 0 && (
              <span className="ml-1.5 rounded-full bg-red-600 px-1.5 py-px text-[11px] font-semibold text-white">
                {reported}
              </span>
            )}
          </Link>
        ))}
      </nav>

      {rows.length === 0 ? (
        <div className="rounded-2xl border border-dashed border-line p-10 text-center">
          {view === 'reported' && queue.length > 0 ? (
            <>
              <p className="font-medium">No open reports.</p>
              <p className="mt-1 text-sm text-ink-soft">
                Every report has been looked at.{' '}
                <Link href="/admin/community" className="font-medium text-ember-700 underline dark:text-ember-300">
                  See every shared companion
                </Link>
                .
              </p>
            </>
          ) : (
            <>
              <p className="font-medium">No reports, and nobody has shared a companion yet.</p>
              <p className="mt-1 text-sm text-ink-soft">
                Companions people share with everyone appear here, and so does anything they report.
              </p>
            </>
          )}
        </div>
      ) : (
        <TableScroller label="Moderation queue">
          <table className="w-full text-left text-sm max-md:block">
            <caption className="sr-only">
              {view === 'reported' ? 'Companions with open reports' : 'People’s companions, reported ones first'}
            </caption>
            <thead className="border-b border-line text-xs text-ink-faint max-md:sr-only">
              <tr>
                <th scope="col" className="px-4 py-2.5 font-medium">
                  Companion
                </th>
                <th scope="col" className="px-4 py-2.5 font-medium">
                  Status
                </th>
                <th scope="col" className="px-4 py-2.5 font-medium">
                  Open reports
                </th>
                <th scope="col" className="px-4 py-2.5 text-right font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line max-md:block">
              {rows.map((c) => (
                <QueueRow key={c.id} companion={c} />
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
    </>
  );
}

/** One companion: on a phone its cells stack into a card, on wider screens a table row. */
function QueueRow({ companion: c }: { companion: ModeratedCompanion }) {
  // Hidden, removed and private companions do not open for an admin either (the companion page reads them as the person would).
  const opens = !c.hidden && !c.removed && c.audience !== 'private';
  const badges = (['featured', 'hidden', 'removed', 'nsfw'] as const).filter((key) => c[key]);
  return (
    <tr className="align-top max-md:block max-md:py-2">
      <td className="px-4 py-3 max-md:block max-md:pb-1">
        <div className="flex items-center gap-3">
          <Avatar src={c.avatarUrl} name="" decorative size={40} />
          <div className="min-w-0">
            {opens ? (
              <Link
                href={`/companions/${c.id}`}
                className="block truncate rounded font-medium underline-offset-2 hover:underline"
              >
                {c.name}
              </Link>
            ) : (
              <span className="block truncate font-medium">{c.name}</span>
            )}
            <span className="block truncate text-xs text-ink-faint">
              by {c.owner} · {AUDIENCE_LABELS[c.audience].label}
            </span>
            {c.tagline && <span className="mt-0.5 line-clamp-1 text-xs text-ink-soft">{c.tagline}</span>}
          </div>
        </div>
      </td>
      <td className={`px-4 py-3 max-md:block max-md:py-1 ${badges.length === 0 ? 'max-md:hidden' : ''}`}>
        {badges.length > 0 ? (
          <ul aria-label="Status" className="flex flex-wrap gap-1">
            {badges.map((key) => (
              <li key={key} className={`${badge} ${BADGES[key].className}`}>
                {BADGES[key].label}
              </li>
            ))}
          </ul>
        ) : (
          <span className="text-xs text-ink-faint">Visible</span>
        )}
      </td>
      <td className="px-4 py-3 max-md:block max-md:py-1 md:max-w-md">
        <Reports companion={c} />
      </td>
      <td className="px-4 py-3 max-md:block max-md:pt-2 max-md:pb-3">
        <CompanionModerationActions
          companion={{
            id: c.id,
            name: c.name,
            hidden: c.hidden,
            featured: c.featured,
            removed: c.removed,
            nsfw: c.nsfw,
            openReports: c.openReports,
          }}
        />
      </td>
    </tr>
  );
}

function Reports({ companion: c }: { companion: ModeratedCompanion }) {
  if (c.openReports === 0) return <span className="text-xs text-ink-faint">No open reports</span>;
  const last = c.lastReportAt ? new Date(c.lastReportAt) : null;
  return (
    <div className="space-y-1.5">
      <p className="text-xs">
        <span className="font-semibold text-red-700 dark:text-red-400">
          {c.openReports} {c.openReports === 1 ? 'report' : 'reports'}
        </span>
        {last && !Number.isNaN(last.getTime()) && (
          <span className="text-ink-faint">
            {' '}
            · latest <time dateTime={last.toISOString()}>{shortTime(last)}</time>
          </span>
        )}
      </p>
      <ul aria-label="Reasons" className="flex flex-wrap gap-1">
        {c.reasons.map((reason) => (
          <li key={reason} className="rounded-md bg-sunken px-1.5 py-0.5 text-xs text-ink-soft">
            {REPORT_REASONS[reason] ?? reason}
          </li>
        ))}
      </ul>
      {c.notes.length > 0 && (
        <ul aria-label="Notes from the reports" className="space-y-1">
          {c.notes.map((note, i) => (
            <li
              key={i}
              className="border-l-2 border-line pl-2 text-xs whitespace-pre-line text-ink-soft italic wrap-anywhere"
            >
              “{note}”
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
