import { z } from 'zod';
import { text } from './text';

/** A page's `cursor`: next_cursor of the page before, as given. */
export const pageCursor = text({ label: 'cursor' }).max(
  200,
  'This cursor is not valid: pass next_cursor from a previous page.',
);

/** `limit` and `cursor` of a keyset-paginated list, as query parameters. */
export function pageQuery({ defaultLimit, maxLimit }: { defaultLimit: number; maxLimit: number }) {
  const outOfRange = `limit must be a whole number from 1 to ${maxLimit}.`;
  return z.object({
    limit: z.coerce
      .number({ error: outOfRange })
      .int(outOfRange)
      .min(1, outOfRange)
      .max(maxLimit, outOfRange)
      .default(defaultLimit),
    cursor: pageCursor.optional(),
  });
}
