/** "now", "5 min", "3 h", "Tue", "Mar 4": short, for lists. */
export function shortTime(date: Date | string, now = new Date()): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  const seconds = (now.getTime() - d.getTime()) / 1000;
  if (seconds < 60) return 'now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h`;
  if (seconds < 6 * 86_400) return d.toLocaleDateString('en-US', { weekday: 'short' });
  return d.toLocaleDateString('en-US', { month: 'short', day: 'numeric' });
}

/** "just now", "5 minutes ago", "yesterday", then the date: for "last used" and the like. */
export function timeAgo(date: Date, now = new Date()): string {
  const seconds = (now.getTime() - date.getTime()) / 1000;
  const relative = new Intl.RelativeTimeFormat('en-US', { numeric: 'auto' });
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return relative.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < 86_400) return relative.format(-Math.floor(seconds / 3600), 'hour');
  if (seconds < 7 * 86_400) return relative.format(-Math.floor(seconds / 86_400), 'day');
  return longDate(date);
}

/** "Mar 4, 2026". */
export function longDate(date: Date): string {
  return date.toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric' });
}

/**
 * "0 MB", "0.52 MB", "19.6 MB", "500 MB": sizes of files and storage, in binary megabytes, precise
 * enough below 1 MB that two sizes shown side by side add up as they should.
 */
export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (bytes <= 0) return '0 MB';
  if (mb < 0.01) return '0.01 MB';
  if (mb < 1) return `${Math.round(mb * 100) / 100} MB`;
  return `${mb < 100 ? Math.round(mb * 10) / 10 : Math.round(mb)} MB`;
}

/** Whether two instants fall on the same calendar day where the code runs (the reader's time zone, in a browser). */
export function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** "Today", "Yesterday", "Tuesday" (this past week), "March 4", "March 4, 2025": a chat's day dividers. */
export function dayLabel(date: Date, now = new Date()): string {
  if (sameDay(date, now)) return 'Today';
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (sameDay(date, yesterday)) return 'Yesterday';
  const weekAgo = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 6);
  if (date >= weekAgo && date < now) return date.toLocaleDateString('en-US', { weekday: 'long' });
  return date.toLocaleDateString('en-US', {
    month: 'long',
    day: 'numeric',
    ...(date.getFullYear() !== now.getFullYear() && { year: 'numeric' }),
  });
}

/** "2:05 PM": when a message was sent, beside it. */
export function clockTime(date: Date): string {
  return date.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });
}

/** "Tuesday, March 4, 2026 at 2:05 PM": the full moment, for a tooltip. */
export function fullDateTime(date: Date): string {
  return date.toLocaleString('en-US', { dateStyle: 'full', timeStyle: 'short' });
}
