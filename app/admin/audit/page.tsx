import Link from 'next/link';
import { buttonStyles } from '@/components/ui/button';
import { requireAdminPage } from '@/lib/auth/roles';
import { listAudit } from '@/lib/admin/audit';
import { withUser } from '@/lib/db/scope';

export const metadata = { title: 'Audit log' };

type Props = { searchParams: Promise<{ action?: string; before?: string }> };

const KINDS = [
  { value: '', label: 'Everything' },
  { value: 'persona.', label: 'Personas' },
  { value: 'companion.', label: 'Community' },
  { value: 'user.', label: 'Users' },
];

export default async function AuditPage({ searchParams }: Props) {
  const admin = await requireAdminPage();
  const { action: rawAction, before: rawBefore } = await searchParams;
  const action = KINDS.some((k) => k.value === rawAction) ? rawAction : undefined;
  const [createdAt, id] = typeof rawBefore === 'string' ? rawBefore.split('~') : [];
  const before =
    createdAt &&
    id &&
    /^[0-9a-f-]{36}$/.test(id) &&
    /^\d{4}-\d{2}-\d{2}[ T][\d:.]+([+-]\d{2}(:?\d{2})?|Z)$/.test(createdAt)
      ? { createdAt, id }
      : undefined;
  const entries = await withUser(admin, (tx) => listAudit(tx, { limit: 50, action, before }));
  const last = entries.at(-1);

  return (
    <>
      <header className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <p className="mt-1 text-sm text-ink-soft">
          Every admin action: who, what, when, and the record before and after.
        </p>
      </header>
      <nav aria-label="Filter the log" className="mb-4 flex gap-1">
        {KINDS.map((k) => (
          <Link
            key={k.value}
            href={k.value ? `/admin/audit?action=${k.value}` : '/admin/audit'}
            aria-current={(action ?? '') === k.value ? 'page' : undefined}
            className={`rounded-full px-3 py-1 text-sm ${(action ?? '') === k.value ? 'bg-stone-900 text-white dark:bg-stone-100 dark:text-stone-900' : 'text-ink-soft hover:bg-sunken'}`}
          >
            {k.label}
          </Link>
        ))}
      </nav>
      {entries.length === 0 ? (
        <div className="rounded-2xl border border-dashed border-line p-10 text-center">
          <p className="font-medium">Nothing here yet.</p>
          <p className="mt-1 text-sm text-ink-soft">Admin actions appear as they happen.</p>
        </div>
      ) : (
        <ol className="divide-y divide-line rounded-2xl border border-line bg-raised">
          {entries.map((e) => (
            <li key={e.id} className="px-4 py-3">
              <details>
                <summary className="flex cursor-pointer flex-wrap items-baseline gap-x-2 gap-y-0.5 text-sm">
                  <code className="rounded bg-sunken px-1.5 py-0.5 text-xs">{e.action}</code>
                  <span className="min-w-0 font-medium wrap-anywhere">
                    {e.targetLabel ?? e.targetId?.slice(0, 8) ?? '—'}
                  </span>
                  <span className="min-w-0 text-ink-soft wrap-anywhere">by {e.actorName ?? 'a maintenance job'}</span>
                  <time className="ml-auto text-xs text-ink-faint" dateTime={e.createdAt}>
                    {new Date(e.createdAt).toLocaleString('en-GB', {
                      dateStyle: 'medium',
                      timeStyle: 'medium',
                      timeZone: 'UTC',
                    })}{' '}
                    UTC
                  </time>
                </summary>
                <div className="mt-3 grid gap-2 text-xs sm:grid-cols-2">
                  <div>
                    <p className="mb-1 font-medium text-ink-faint">Before</p>
                    <pre className="max-h-72 overflow-auto rounded-lg bg-sunken p-2 whitespace-pre-wrap">
                      {e.before === null ? '(nothing)' : JSON.stringify(e.before, null, 2)}
                    </pre>
                  </div>
                  <div>
                    <p className="mb-1 font-medium text-ink-faint">After</p>
                    <pre className="max-h-72 overflow-auto rounded-lg bg-sunken p-2 whitespace-pre-wrap">
                      {e.after === null ? '(nothing)' : JSON.stringify(e.after, null, 2)}
                    </pre>
                  </div>
                </div>
              </details>
            </li>
          ))}
        </ol>
      )}
      {entries.length === 50 && last && (
        <div className="mt-4 text-center">
          <Link
            className={buttonStyles.secondary}
            href={`/admin/audit?${new URLSearchParams({ ...(action ? { action } : {}), before: `${last.createdAt}~${last.id}` })}`}
          >
            Older entries
          </Link>
        </div>
      )}
    </>
  );
}
