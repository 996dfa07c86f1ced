'use client';

import { longDate, shortTime, timeAgo } from '@/lib/format';
import { useHydrated } from './use-hydrated';

const FORMATS = { short: shortTime, ago: (date: Date) => timeAgo(date), date: longDate } as const;

/**
 * A time as the reader's browser tells it ("5 min", "2 hours ago", "Mar 4, 2026"), for client
 * components. The server leaves the text out and the browser fills it in after hydration: a
 * relative time or a date depends on the clock and the time zone, which differ between the two,
 * and text that differs breaks hydration (review D12: React error #418 on the picker's sidebar).
 */
export function LocalTime({ date, format }: { date: Date | string; format: keyof typeof FORMATS }) {
  const hydrated = useHydrated();
  const instant = typeof date === 'string' ? new Date(date) : date;
  return (
    <time dateTime={instant.toISOString()} suppressHydrationWarning>
      {hydrated ? FORMATS[format](instant) : null}
    </time>
  );
}
