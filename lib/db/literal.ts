/**
 * Values written into SQL as literals, for what runs in one message without parameters
 * (Database.exec): the settings a transaction starts with, and the statements sendAsUser sends
 * (lib/db/statement.ts). Quotes are doubled and, as pg's escapeLiteral does, a value with a
 * backslash is written as an escape string, so it reads the same whatever
 * standard_conforming_strings says.
 */
export function sqlLiteral(value: string): string {
  // PostgreSQL text cannot hold a NUL; a literal must not silently end at one.
  if (value.includes('\0')) throw new Error('An SQL literal cannot contain a NUL character.');
  const quoted = `'${value.replaceAll("'", "''")}'`;
  return value.includes('\\') ? ` E${quoted.replaceAll('\\', '\\\\')}` : quoted;
}

/** `select set_config(name, value, true), ...`: settings that end with the transaction they are made in. */
export function settingsStatement(settings: Record<string, string>): string {
  return `select ${Object.entries(settings)
    .map(([name, value]) => `set_config(${sqlLiteral(name)}, ${sqlLiteral(value)}, true)`)
    .join(', ')}`;
}
