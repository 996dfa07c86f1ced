'use client';

import { useRef } from 'react';
import { useHydrated } from '@/components/ui/use-hydrated';
import type { ChatUIMessage } from '@/lib/conversations/ui-messages';
import { clockTime, dayLabel, fullDateTime, sameDay } from '@/lib/format';

/** The messages that open a new day (the first one too): each gets a divider above it. */
export function dayStarts(messages: ChatUIMessage[], timeOf: (message: ChatUIMessage) => Date): Set<string> {
  const starts = new Set<string>();
  let previous: Date | undefined;
  for (const message of messages) {
    const time = timeOf(message);
    if (!previous || !sameDay(previous, time)) starts.add(message.id);
    previous = time;
  }
  return starts;
}

/**
 * When each message was sent: its saved time, or, for one this page has just sent or is receiving,
 * when the page first showed it. Null until hydration: days and clock times depend on the reader's
 * time zone and clock, which the server does not know, so they are shown only in the browser
 * (review D12: a time rendered on both sides differed and broke hydration).
 */
export function useMessageTimes(): ((message: ChatUIMessage) => Date) | null {
  const hydrated = useHydrated();
  const firstSeen = useRef(new Map<string, Date>());
  if (!hydrated) return null;
  return (message) => {
    const saved = message.metadata?.createdAt;
    if (saved) return new Date(saved);
    let seen = firstSeen.current.get(message.id);
    if (!seen) firstSeen.current.set(message.id, (seen = new Date()));
    return seen;
  };
}

export function DayDivider({ date, now }: { date: Date; now?: Date }) {
  return (
    <div className="flex items-center gap-3 text-xs font-medium text-ink-faint" data-testid="day-divider">
      <span className="h-px flex-1 bg-line" aria-hidden="true" />
      <time dateTime={date.toISOString()} title={fullDateTime(date)}>
        {dayLabel(date, now)}
      </time>
      <span className="h-px flex-1 bg-line" aria-hidden="true" />
    </div>
  );
}

/**
 * "2:05 PM" beside a message's actions, the full date in its tooltip. The text is drawn from an
 * attribute (CSS generated content, which screen readers read too), so a message's text, when
 * copied or compared, stays what was said.
 */
export function MessageTime({ date }: { date: Date }) {
  return (
    <time
      dateTime={date.toISOString()}
      title={fullDateTime(date)}
      data-time={clockTime(date)}
      className="px-1.5 text-xs whitespace-nowrap text-ink-faint tabular-nums before:content-[attr(data-time)]"
      data-testid="message-time"
    />
  );
}
