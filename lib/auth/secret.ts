import 'server-only';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getConfig } from '@/lib/config';

let cached: string | undefined;

/**
 * NEXTAUTH_SECRET when set. With nothing configured, a random secret made once and kept in the
 * data directory, so the app runs with no .env and sessions survive restarts.
 */
export function authSecret(): string {
  if (cached) return cached;
  const config = getConfig();
  if (config.auth.secret) return (cached = config.auth.secret);
  // The start refuses these cases (lib/config/problems.ts); this guards a process started without that check.
  if (config.platform.vercel || config.database.url)
    throw new Error('Set NEXTAUTH_SECRET: it must be the same on every instance that shares the database.');
  const file = path.join(config.dataDir, 'auth-secret');
  try {
    cached = readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    try {
      writeFileSync(file, secret, { flag: 'wx', mode: 0o600 });
      cached = secret;
    } catch {
      cached = readFileSync(file, 'utf8').trim(); // another process wrote it first
    }
  }
  return cached;
}
