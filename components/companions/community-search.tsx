import Form from 'next/form';
import Link from 'next/link';
import { SearchIcon } from '@/components/ui/icons';

type Props = { q: string; tag: string | null; tags: string[] };

/** Home's address with the Community's search and tag; the page reads them on the server. */
function communityHref(q: string, tag: string | null): string {
  const query = new URLSearchParams({ ...(q ? { q } : {}), ...(tag ? { tag } : {}) }).toString();
  return query ? `/?${query}` : '/';
}

/**
 * The Community's search box and tag chips: a plain GET form and links (they work before the page
 * has loaded its scripts), which keep the reader where they are on the page.
 */
export function CommunitySearch({ q, tag, tags }: Props) {
  const chips = tag && !tags.includes(tag) ? [tag, ...tags] : tags;
  return (
    <div className="mb-6 flex flex-col gap-3">
      <Form action="/" scroll={false} role="search" aria-label="Community search" className="relative sm:max-w-md">
        <SearchIcon className="pointer-events-none absolute top-1/2 left-3.5 size-4 -translate-y-1/2 text-ink-faint" />
        <input
          type="search"
          name="q"
          defaultValue={q}
          key={q}
          maxLength={80}
          placeholder="Search the Community"
          aria-label="Search the Community"
          className="w-full rounded-full border border-field-line bg-raised py-2.5 pr-4 pl-10 text-sm outline-none placeholder:text-ink-faint focus:border-ember-400"
        />
        {tag && <input type="hidden" name="tag" value={tag} />}
      </Form>
      {chips.length > 0 && (
        <div
          role="group"
          aria-label="Community tags"
          className="-mx-1 flex gap-1.5 overflow-x-auto px-1 pb-1 sm:flex-wrap sm:overflow-visible sm:pb-0"
        >
          <Chip href={communityHref(q, null)} active={!tag}>
            All
          </Chip>
          {chips.map((t) => (
            <Chip key={t} href={communityHref(q, tag === t ? null : t)} active={tag === t}>
              {t}
            </Chip>
          ))}
        </div>
      )}
    </div>
  );
}

function Chip({ href, active, children }: { href: string; active: boolean; children: React.ReactNode }) {
  return (
    <Link
      href={href}
      scroll={false}
      aria-current={active ? 'true' : undefined}
      className={`shrink-0 rounded-full border px-3 py-1.5 text-sm capitalize transition-colors ${
        active
          ? 'border-stone-900 bg-stone-900 text-white dark:border-stone-100 dark:bg-stone-100 dark:text-stone-900'
          : 'border-line bg-raised text-ink-soft hover:text-ink'
      }`}
    >
      {children}
    </Link>
  );
}
