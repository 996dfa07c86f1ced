import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The secrets in e2e/test-keys.env, by name. */
export function testKeys(): Record<string, string> {
  const file = readFileSync(path.join(process.cwd(), 'e2e', 'test-keys.env'), 'utf8');
  return Object.fromEntries(
    file
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1).trim()]),
  );
}
