'use client';

import { SearchIcon } from '@/components/ui/icons';

/**
 * The sidebar's search field. Down arrow moves to the first result, Escape clears; the results
 * (search-results.tsx) replace the list while there is text.
 */
export function SearchBox({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <div className="relative">
      <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-ink-faint" />
      <input
        type="search"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && value) {
            event.preventDefault();
            onChange('');
          } else if (event.key === 'ArrowDown') {
            const first = document.querySelector<HTMLElement>('#conversation-search-results a');
            if (first) {
              event.preventDefault();
              first.focus();
            }
          }
        }}
        placeholder="Search chats"
        aria-label="Search conversations"
        maxLength={200}
        className="w-full rounded-full border border-line bg-surface py-2 pr-3 pl-9 text-sm outline-none placeholder:text-ink-faint focus:border-ember-400"
      />
    </div>
  );
}
