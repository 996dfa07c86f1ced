import Link from 'next/link';
import { ImportCardButton } from '@/components/admin/import-card-button';
import { PersonaRowActions } from '@/components/admin/persona-row-actions';
import { Avatar } from '@/components/ui/avatar';
import { buttonStyles } from '@/components/ui/button';
import { personaList } from '@/lib/personas/service';
import { requireAdminPage } from '@/lib/auth/roles';
import { shortTime } from '@/lib/format';
import { LANGUAGE_LABELS, LANGUAGES } from '@/lib/languages';
import { personaFilters } from '@/lib/personas/schemas';
import { TableScroller } from '@/components/admin/table-scroller';

export const metadata = { title: 'Personas' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const control = 'rounded-xl border border-line bg-raised px-3 py-2 text-sm outline-none focus:border-ember-400';

export default async function PersonasPage({ searchParams }: Props) {
  const admin = await requireAdminPage();
  const raw = Object.fromEntries(
    Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined]),
  );
  const parsed = personaFilters.safeParse(raw);
  const filters = parsed.success ? parsed.data : {};
  const personas = await personaList(admin, filters);
  const filtered = Boolean(
    filters.q ||
    (filters.status && filters.status !== 'all') ||
    (filters.nsfw && filters.nsfw !== 'any') ||
    filters.language,
  );

  return (
    <>
      <header className="mb-6 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Personas</h1>
          <p className="mt-1 text-sm text-ink-soft">Create, tune and publish the companions people talk to.</p>
        </div>
        <div className="flex items-start gap-2">
          <ImportCardButton />
          <Link href="/admin/personas/new" className={buttonStyles.primary}>
            New persona
          </Link>
        </div>
      </header>

      <form method="get" role="search" aria-label="Filter personas" className="mb-4 flex flex-wrap items-end gap-2">
        <label className="flex min-w-48 flex-1 flex-col gap-1 text-xs text-ink-faint">
          Search
          <input
            name="q"
            type="search"
            defaultValue={filters.q ?? ''}
            placeholder="Name, slug or tagline"
            className={control}
          />
        </label>
        <label className="flex flex-col gap-1 text-xs text-ink-faint">
          Status
          <select name="status" defaultValue={filters.status ?? 'all'} className={control}>
            <option value="all">Active (all)</option>
            <option value="published">Published</option>
            <option value="draft">Draft</option>
            <option value="archived">Archived</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs text-ink-faint">
          NSFW
          <select name="nsfw" defaultValue={filters.nsfw ?? 'any'} className={control}>
            <option value="any">Any</option>
            <option value="yes">NSFW only</option>
            <option value="no">Not NSFW</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs text-ink-faint">
          Language
          <select name="language" defaultValue={filters.language ?? ''} className={control}>
            <option value="">Any</option>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_LABELS[l]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonStyles.secondary}>
          Filter
        </button>
        {filtered && (
          <Link href="/admin/personas" className={buttonStyles.ghost}>
            Clear
          </Link>
        )}
      </form>
      {!parsed.success && (
        <p role="alert" className="mb-3 text-sm text-red-600 dark:text-red-400">
          Some filters were not understood and were ignored.
        </p>
      )}

      {personas.length === 0 ? (
        <div className="rounded-2xl border border-dashed border-line p-10 text-center">
          <p className="font-medium">{filtered ? 'No persona matches these filters.' : 'No personas yet.'}</p>
          <p className="mt-1 text-sm text-ink-soft">
            {filtered ? 'Try a broader search.' : 'Create one, or import a Character Card.'}
          </p>
        </div>
      ) : (
        <TableScroller label="Personas">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Personas{filtered ? ' matching the filters' : ''}</caption>
            <thead className="border-b border-line text-xs text-ink-faint">
              <tr>
                <th scope="col" className="px-4 py-2.5 font-medium">
                  Persona
                </th>
                <th scope="col" className="hidden px-4 py-2.5 font-medium sm:table-cell">
                  Status
                </th>
                <th scope="col" className="hidden px-4 py-2.5 font-medium md:table-cell">
                  Languages
                </th>
                <th scope="col" className="hidden px-4 py-2.5 font-medium lg:table-cell">
                  Updated
                </th>
                <th scope="col" className="px-4 py-2.5 text-right font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {personas.map((p) => {
                const status = p.archivedAt ? 'Archived' : p.visibility === 'published' ? 'Published' : 'Draft';
                return (
                  <tr key={p.id} className="hover:bg-sunken/50">
                    <td className="px-4 py-3">
                      <Link href={`/admin/personas/${p.id}`} className="flex items-center gap-3 rounded-lg">
                        <Avatar src={p.avatarUrl} name="" decorative size={36} accent={p.accentColor} />
                        <span className="min-w-0">
                          <span className="block truncate font-medium">
                            {p.name}
                            {p.nsfw && (
                              <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-[10px] font-semibold text-red-800 dark:bg-red-950 dark:text-red-300">
                                NSFW
                              </span>
                            )}
                          </span>
                          <span className="block truncate text-xs text-ink-faint">
                            /{p.slug} · <span className="sm:hidden">{status}</span>
                            <span className="hidden sm:inline">{p.tagline || 'No tagline'}</span>
                          </span>
                        </span>
                      </Link>
                    </td>
                    <td className="hidden px-4 py-3 sm:table-cell">
                      <span
                        className={`rounded-full px-2 py-0.5 text-xs font-medium ${status === 'Published' ? 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300' : status === 'Draft' ? 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200' : 'bg-sunken text-ink-soft'}`}
                      >
                        {status}
                      </span>
                    </td>
                    <td className="hidden px-4 py-3 text-xs text-ink-soft md:table-cell">{p.languages.join(', ')}</td>
                    <td className="hidden px-4 py-3 text-xs whitespace-nowrap text-ink-faint lg:table-cell">
                      v{p.version} · {shortTime(p.updatedAt)}
                    </td>
                    <td className="px-2 py-2 sm:px-4">
                      <PersonaRowActions
                        id={p.id}
                        name={p.name}
                        archived={Boolean(p.archivedAt)}
                        published={p.visibility === 'published'}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroller>
      )}
    </>
  );
}
