import { render, screen } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ChatUIMessage } from '@/lib/conversations/ui-messages';
import { dayLabel } from '@/lib/format';
import { DayDivider, dayStarts, useMessageTimes } from './message-times';

const at = (iso: string) => new Date(iso);
const message = (id: string, createdAt?: string): ChatUIMessage => ({
  id,
  role: 'user',
  parts: [{ type: 'text', text: id }],
  metadata: createdAt ? { createdAt } : {},
});

describe('day labels', () => {
  const now = new Date(2026, 11, 6, 18, 30); // Sunday, December 6, 2026, local time

  it('say Today and Yesterday by calendar day, not by 24 hours', () => {
    expect(dayLabel(new Date(2026, 11, 6, 0, 5), now)).toBe('Today');
    expect(dayLabel(new Date(2026, 11, 5, 23, 59), now)).toBe('Yesterday');
    expect(dayLabel(new Date(2026, 11, 5, 0, 1), now)).toBe('Yesterday');
  });

  it('name the weekday within the past week, then the date, with the year only when it is another one', () => {
    expect(dayLabel(new Date(2026, 11, 2, 12), now)).toBe('Wednesday');
    expect(dayLabel(new Date(2026, 10, 29, 12), now)).toBe('November 29');
    expect(dayLabel(new Date(2025, 11, 24, 12), now)).toBe('December 24, 2025');
  });

  it('cross the new year: December 31 is Yesterday on January 1', () => {
    expect(dayLabel(new Date(2026, 11, 31, 22), new Date(2027, 0, 1, 9))).toBe('Yesterday');
  });
});

describe('day dividers', () => {
  it('open the first message and every message on a new day, and none between messages of one day', () => {
    const messages = [
      message('a', new Date(2026, 11, 4, 9).toISOString()),
      message('b', new Date(2026, 11, 4, 23).toISOString()),
      message('c', new Date(2026, 11, 5, 0, 30).toISOString()),
      message('d', new Date(2026, 11, 6, 8).toISOString()),
      message('e', new Date(2026, 11, 6, 9).toISOString()),
    ];
    const starts = dayStarts(messages, (m) => at(m.metadata!.createdAt!));
    expect([...starts]).toEqual(['a', 'c', 'd']);
  });

  it('show the day with the full date in a tooltip and a machine-readable time', () => {
    const date = new Date(2026, 11, 5, 14, 5);
    render(<DayDivider date={date} now={new Date(2026, 11, 6, 10)} />);
    const time = screen.getByText('Yesterday');
    expect(time.tagName).toBe('TIME');
    expect(time.getAttribute('dateTime')).toBe(date.toISOString());
    expect(time.getAttribute('title')).toMatch(/Saturday, December 5, 2026/);
  });
});

function Times({ messages }: { messages: ChatUIMessage[] }) {
  const timeOf = useMessageTimes();
  return <p>{timeOf ? messages.map((m) => timeOf(m).toISOString()).join(' ') : 'no times'}</p>;
}

describe('message times', () => {
  it('are left out of the server render, so the server and the browser cannot disagree (review D12)', () => {
    const html = renderToString(<Times messages={[message('a', '2026-12-06T10:00:00.000Z')]} />);
    expect(html).toContain('no times');
  });

  it('use the saved time once hydrated, and the first time a new message was seen, kept across renders', () => {
    const fresh = message('new');
    const { rerender } = render(<Times messages={[message('a', '2026-12-06T10:00:00.000Z'), fresh]} />);
    const first = screen.getByText(/2026-12-06T10:00:00.000Z/).textContent!;
    const seen = first.split(' ')[1]!;
    expect(Date.now() - new Date(seen).getTime()).toBeLessThan(60_000);
    rerender(<Times messages={[message('a', '2026-12-06T10:00:00.000Z'), fresh]} />);
    expect(screen.getByText(/2026-12-06T10:00:00.000Z/).textContent).toBe(first);
  });
});
