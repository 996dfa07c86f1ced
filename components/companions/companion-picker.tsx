'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { SearchIcon } from '@/components/ui/icons';
import type { Companion } from '@/lib/companions/queries';
import { CompanionCard } from './companion-card';

export function CompanionPicker({ companions }: { companions: Companion[] }) {
  const [query, setQuery] = useState('');
  const [specialty, setSpecialty] = useState<string | null>(null);
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const specialties = useMemo(() => filterChips(companions), [companions]);

  const shown = companions.filter((c) => {
    if (specialty && !c.specialties.includes(specialty)) return false;
    const q = query.trim().toLowerCase();
    if (!q) return true;
    return [c.name, c.tagline, c.description, ...c.specialties].some((field) => field.toLowerCase().includes(q));
  });

  return (
    <section aria-labelledby="companions-heading">
      <h2 id="companions-heading" className="sr-only">
        Companions
      </h2>
      <div className="mb-6 flex flex-col gap-3">
        <div className="relative sm:max-w-md">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3.5 size-4 -translate-y-1/2 text-ink-faint" />
          <input
            ref={search}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Search companions"
            aria-label="Search companions"
            aria-keyshortcuts="Control+K Meta+K"
            className="w-full rounded-full border border-line bg-raised py-2.5 pr-14 pl-10 text-sm outline-none placeholder:text-ink-faint focus:border-ember-400"
          />
          {/* Only while empty: with text, the field's own clear button takes this place (review D29). */}
          {!query && (
            <kbd className="pointer-events-none absolute top-1/2 right-3 hidden -translate-y-1/2 rounded border border-line px-1.5 text-[11px] text-ink-faint sm:block">
              Ctrl K
            </kbd>
          )}
        </div>
        {specialties.length > 0 && (
          <div
            role="group"
            aria-label="Filter by specialty"
            className="-mx-1 flex gap-1.5 overflow-x-auto px-1 pb-1 sm:flex-wrap sm:overflow-visible sm:pb-0"
          >
            <Chip active={specialty === null} onClick={() => setSpecialty(null)}>
              All
            </Chip>
            {specialties.map((s) => (
              <Chip key={s} active={specialty === s} onClick={() => setSpecialty(specialty === s ? null : s)}>
                {s}
              </Chip>
            ))}
          </div>
        )}
      </div>
      <p className="sr-only" aria-live="polite">
        {shown.length} companions shown
      </p>
      {shown.length === 0 ? (
        <div className="rounded-3xl border border-dashed border-line px-6 py-16 text-center">
          {/* Names the chip too: "Writing" and "ada" can each match someone without both matching (review D20). */}
          <p className="font-medium">
            {specialty ? (
              <>
                Nobody in <span className="capitalize">{specialty}</span> matches “{query.trim()}”.
              </>
            ) : (
              <>Nobody matches “{query.trim()}”.</>
            )}
          </p>
          <div className="mt-2 flex flex-wrap justify-center gap-x-4 gap-y-1 text-sm">
            {specialty && query.trim() && (
              <button type="button" className={LINK} onClick={() => setSpecialty(null)}>
                Search everyone for “{query.trim()}”
              </button>
            )}
            <button type="button" className={LINK} onClick={() => (setQuery(''), setSpecialty(null))}>
              {specialty ? 'Clear the search and filter' : 'Clear the search'}
            </button>
          </div>
        </div>
      ) : (
        <ul aria-label="Companions" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {shown.map((companion) => (
            <li key={companion.id} className="animate-fade-in">
              <CompanionCard companion={companion} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const LINK = 'text-ember-700 underline underline-offset-2 dark:text-ember-300';

// A chip that picks out one companion does what typing their name does; with 8 companions and 17
// specialties nearly every chip was such. Chips stay for specialties two or more companions share,
// the most shared first, at most this many (search still reads every specialty).
const MAX_CHIPS = 8;

/** The specialty chips worth showing (review D31): shared by at least two companions. */
export function filterChips(companions: Pick<Companion, 'specialties'>[]): string[] {
  const counts = new Map<string, number>();
  for (const c of companions) for (const s of new Set(c.specialties)) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts]
    .filter(([, n]) => n >= 2)
    .sort(([a, n], [b, m]) => m - n || a.localeCompare(b))
    .slice(0, MAX_CHIPS)
    .map(([s]) => s);
}

function Chip({ active, onClick, children }: { active: boolean; onClick: () => void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={active}
      onClick={onClick}
      className={`shrink-0 rounded-full border px-3 py-1.5 text-sm capitalize transition-colors ${
        active
          ? 'border-stone-900 bg-stone-900 text-white dark:border-stone-100 dark:bg-stone-100 dark:text-stone-900'
          : 'border-line bg-raised text-ink-soft hover:text-ink'
      }`}
    >
      {children}
    </button>
  );
}
