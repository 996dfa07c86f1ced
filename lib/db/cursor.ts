import { HearthError } from '@/lib/errors';

/** One page of a keyset-paginated list; nextCursor is null on the last page. */
export type Page<T> = { items: T[]; nextCursor: string | null };

/**
 * Cursors are opaque to clients: the last row's sort key, base64url-encoded. A cursor that does
 * not decode to a key of the expected form is the caller's mistake, never the first page again.
 */
export function encodeCursor(key: string): string {
  return Buffer.from(key).toString('base64url');
}

export function decodeCursor(cursor: string, keyPattern: RegExp): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!keyPattern.test(key))
    throw new HearthError('bad_request', 'This cursor is not valid: pass next_cursor from a previous page.', {
      param: 'cursor',
    });
  return key;
}

/** Cuts the extra row a query fetched (limit + 1) to tell whether another page follows. */
export function pageOf<R, T>(rows: R[], limit: number, keyOf: (row: R) => string, toItem: (row: R) => T): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(toItem), nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

/** A row without the sort key a keyset query read alongside it. */
export function withoutSeqKey<T extends { seqKey: string }>(row: T): Omit<T, 'seqKey'> {
  const item: Partial<T> = { ...row };
  delete item.seqKey;
  return item as Omit<T, 'seqKey'>;
}
