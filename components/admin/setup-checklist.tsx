import type { SetupItem, SetupState } from '@/lib/admin/setup';

const BADGE: Record<SetupState, { text: string; className: string }> = {
  ready: {
    text: 'Ready',
    className: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300',
  },
  optional: { text: 'Not set', className: 'bg-sunken text-ink-soft' },
  attention: {
    text: 'Needs attention',
    className: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200',
  },
};

/**
 * What this deployment has switched on and what it has not, with the settings to change it. Only
 * admins see it: setting names belong here, never on the pages everyone uses. Open by default while
 * something needs attention.
 */
export function SetupChecklist({ items, warnings }: { items: SetupItem[]; warnings: string[] }) {
  const ready = items.filter((item) => item.state === 'ready').length;
  const attention = items.filter((item) => item.state === 'attention').length + warnings.length;
  return (
    <details open={attention > 0} className="group mb-6 rounded-2xl border border-line bg-raised">
      <summary className="flex cursor-pointer list-none flex-wrap items-baseline justify-between gap-x-4 gap-y-1 rounded-2xl px-4 py-3 [&::-webkit-details-marker]:hidden">
        <span className="text-base font-semibold">Setup checklist</span>
        <span className="text-sm text-ink-soft">
          {ready} of {items.length} ready
          {attention > 0 && ` · ${attention} ${attention === 1 ? 'needs' : 'need'} attention`}
          <span aria-hidden className="ml-2 inline-block transition-transform group-open:rotate-180">
            ▾
          </span>
        </span>
      </summary>
      <div className="border-t border-line px-4 pt-3 pb-4">
        <p className="mb-3 text-xs text-ink-faint">
          Set these in the server&apos;s environment (<code>.env</code>, or the host&apos;s settings) and restart. The
          sections named below are in the guide <code>docs/configuration.md</code>.
        </p>
        {warnings.length > 0 && (
          <ul className="mb-3 space-y-1 rounded-xl bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950/40 dark:text-amber-100">
            {warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        )}
        <ul className="grid gap-x-6 md:grid-cols-2">
          {items.map((item) => (
            <li
              key={item.id}
              className="border-b border-line py-2.5 last:border-b-0 md:[&:nth-last-child(2)]:border-b-0"
            >
              <div className="flex items-center justify-between gap-3">
                <p className="text-sm font-medium">{item.title}</p>
                <span
                  className={`shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ${BADGE[item.state].className}`}
                >
                  {BADGE[item.state].text}
                </span>
              </div>
              <p className="mt-0.5 text-sm text-ink-soft">{item.summary}</p>
              <p className="mt-1 flex flex-wrap items-center gap-1 text-xs text-ink-faint">
                {item.variables.map((name) => (
                  <code key={name} className="rounded bg-sunken px-1.5 py-0.5 text-[11px] break-all text-ink-soft">
                    {name}
                  </code>
                ))}
                <span className="ml-1">Guide: {item.docs}</span>
              </p>
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}
