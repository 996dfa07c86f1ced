import { z } from 'zod';

const DAY_MS = 24 * 60 * 60 * 1000;

const isoDateOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'Use an ISO 8601 date (2026-01-31) or date-time with a zone (2026-01-31T12:00:00Z).',
});

// A bare date means that whole UTC day: `from` its start, `to` through its end.
function instant(value: string, side: 'from' | 'to'): Date {
  if (value.includes('T')) return new Date(value);
  const start = new Date(`${value}T00:00:00Z`);
  return side === 'from' ? start : new Date(start.getTime() + DAY_MS);
}

/** The usage report's query: a range (the last 30 days unless given) and an optional grouping. */
export const usageQuery = z
  .object({
    from: isoDateOrTime.optional(),
    to: isoDateOrTime.optional(),
    group_by: z
      .enum(['day', 'model', 'companion'], { error: 'group_by is one of day, model or companion.' })
      .optional(),
  })
  .transform(({ from, to, group_by }) => {
    const end = to ? instant(to, 'to') : new Date();
    const start = from ? instant(from, 'from') : new Date(end.getTime() - 30 * DAY_MS);
    return { range: { from: start, to: end }, groupBy: group_by };
  })
  .refine(({ range }) => range.from < range.to, { message: 'to must come after from.', path: ['to'] });
