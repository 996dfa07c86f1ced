import { sqlLiteral } from './literal';
import type { Queryable, Row } from './client';

/** A value a statement takes: what the queries here pass, and nothing a literal could get wrong. */
export type Param = string | number | boolean | null | readonly (string | null)[];

/**
 * One SQL statement and its parameters ($1, $2, ...). It runs alone (runStatement), or beside
 * others in one message with its parameters written in as literals (inlined, sendAsUser): the
 * same SQL either way, so a query is defined once.
 */
export type Statement = { sql: string; params: readonly Param[] };

export async function runStatement<T extends Row = Row>(tx: Queryable, statement: Statement): Promise<T[]> {
  return tx.query<T>(statement.sql, [...statement.params]);
}

/**
 * The statement with each parameter written in as an untyped literal of the text pg would send
 * for it, so the database reads it exactly as it reads the bound parameter: a quoted string,
 * number or boolean, an array in PostgreSQL's `{...}` form, or null.
 */
export function inlined({ sql, params }: Statement): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index >= params.length) throw new Error(`The statement uses $${n} but has ${params.length} parameters.`);
    return literalOf(params[index]!);
  });
}

function literalOf(value: Param): string {
  if (value === null) return 'null';
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`${value} is not a number SQL can hold.`);
  if (typeof value === 'object') return sqlLiteral(`{${value.map(arrayElement).join(',')}}`);
  return sqlLiteral(String(value));
}

/** An element of an array literal: quoted, with its quotes and backslashes escaped, or NULL. */
function arrayElement(value: string | null): string {
  return value === null ? 'NULL' : `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}
