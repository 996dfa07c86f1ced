import { describe, expect, it } from 'vitest';
import { dateGroupLabel, groupByDate } from './date-groups';

// 09:30 on Sunday 6 December 2026 in Lisbon (UTC+0 in winter), 01:30 the same day in Los Angeles.
const now = new Date('2026-12-06T09:30:00Z');

describe('date groups', () => {
  it('names each range of days back from today', () => {
    const at = (iso: string) => dateGroupLabel(new Date(iso), now, 'Europe/Lisbon');
    expect(at('2026-12-06T00:05:00Z')).toBe('Today');
    expect(at('2026-12-05T23:59:00Z')).toBe('Yesterday');
    expect(at('2026-12-04T12:00:00Z')).toBe('Previous 7 days');
    expect(at('2026-11-29T12:00:00Z')).toBe('Previous 7 days');
    expect(at('2026-11-28T12:00:00Z')).toBe('Previous 30 days');
    expect(at('2026-11-06T12:00:00Z')).toBe('Previous 30 days');
    expect(at('2026-11-05T12:00:00Z')).toBe('November');
    expect(at('2026-01-31T12:00:00Z')).toBe('January');
    expect(at('2025-12-31T12:00:00Z')).toBe('December 2025');
  });

  it('counts calendar days in the person’s time zone, not the server’s', () => {
    const lateEvening = new Date('2026-12-06T05:00:00Z'); // 21:00 on the 5th in Los Angeles
    expect(dateGroupLabel(lateEvening, now, 'Europe/Lisbon')).toBe('Today');
    expect(dateGroupLabel(lateEvening, now, 'America/Los_Angeles')).toBe('Yesterday');
    const lastNight = new Date('2026-12-05T07:00:00Z'); // 23:00 on the 4th in Los Angeles, 07:00 on the 5th in Lisbon
    expect(dateGroupLabel(lastNight, now, 'Europe/Lisbon')).toBe('Yesterday');
    expect(dateGroupLabel(lastNight, now, 'America/Los_Angeles')).toBe('Previous 7 days');
    expect(dateGroupLabel(new Date('2026-12-06T08:00:00Z'), now, 'Asia/Tokyo')).toBe('Today');
    expect(dateGroupLabel(new Date('2026-12-05T14:00:00Z'), now, 'Asia/Tokyo')).toBe('Yesterday');
    expect(dateGroupLabel(new Date('2026-12-05T16:00:00Z'), now, 'Asia/Tokyo')).toBe('Today');
  });

  it('keeps the order of the items and leaves out empty groups', () => {
    const items = ['2026-12-06T08:00:00Z', '2026-12-06T01:00:00Z', '2026-12-01T08:00:00Z', '2026-10-02T08:00:00Z'];
    const groups = groupByDate(items, (iso) => new Date(iso), now, 'UTC');
    expect(groups).toEqual([
      { label: 'Today', items: items.slice(0, 2) },
      { label: 'Previous 7 days', items: [items[2]] },
      { label: 'October', items: [items[3]] },
    ]);
  });
});
