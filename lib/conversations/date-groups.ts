/**
 * The sidebar's date groups: Today, Yesterday, Previous 7 days, Previous 30 days, then one group
 * per month ("November", or "November 2025" before this year). Days are the person's calendar
 * days in their time zone, which only the browser knows: the sidebar groups once it has hydrated,
 * so the server's render (in the server's zone) never disagrees with the first client render.
 */

export type DateGroup<T> = { label: string; items: T[] };

/** The calendar day of `date` in `timeZone`, as a count of days since 1970-01-01. */
function dayNumber(date: Date, timeZone?: string): { day: number; year: number; month: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(date)
    .reduce<Record<string, number>>(
      (all, p) => (p.type === 'literal' ? all : { ...all, [p.type]: Number(p.value) }),
      {},
    );
  const year = parts.year!;
  const month = parts.month!;
  return { day: Date.UTC(year, month - 1, parts.day!) / 86_400_000, year, month };
}

/** Which group a time falls in, seen from `now`. */
export function dateGroupLabel(date: Date, now: Date, timeZone?: string): string {
  const then = dayNumber(date, timeZone);
  const today = dayNumber(now, timeZone);
  const daysAgo = today.day - then.day;
  if (daysAgo <= 0) return 'Today';
  if (daysAgo === 1) return 'Yesterday';
  if (daysAgo <= 7) return 'Previous 7 days';
  if (daysAgo <= 30) return 'Previous 30 days';
  const month = new Date(Date.UTC(then.year, then.month - 1, 15)).toLocaleDateString('en-US', {
    month: 'long',
    timeZone: 'UTC',
  });
  return then.year === today.year ? month : `${month} ${then.year}`;
}

/** Items (newest first) in their groups, in order; an empty group is left out. */
export function groupByDate<T>(items: T[], dateOf: (item: T) => Date, now: Date, timeZone?: string): DateGroup<T>[] {
  const groups: DateGroup<T>[] = [];
  for (const item of items) {
    const label = dateGroupLabel(dateOf(item), now, timeZone);
    const last = groups.at(-1);
    if (last?.label === label) last.items.push(item);
    else groups.push({ label, items: [item] });
  }
  return groups;
}
