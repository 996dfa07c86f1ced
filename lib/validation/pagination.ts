import { z } from 'zod';

/** `limit` and `cursor` of a keyset-paginated list, as query parameters. */
export function pageQuery({ defaultLimit, maxLimit }: { defaultLimit: number; maxLimit: number }) {
  const outOfRange = `limit must be a whole number from 1 to ${maxLimit}.`;
  return z.object({
    limit: z.coerce.number({ error: outOfRange }).int(outOfRange).min(1, outOfRange).max(maxLimit, outOfRange).default(defaultLimit),
    cursor: z.string().max(200, 'This cursor is not valid: pass next_cursor from a previous page.').optional(),
  });
}
