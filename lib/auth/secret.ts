import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from '@/lib/db/paths';

let cached: string | undefined;

/**
 * NEXTAUTH_SECRET when set. With nothing configured, a random secret made once and kept in the
 * data directory, so the app runs with no .env and sessions survive restarts.
 */
export function authSecret(): string {
  if (cached) return cached;
  const fromEnv = process.env.NEXTAUTH_SECRET;
  if (fromEnv) return (cached = fromEnv);
  if (process.env.VERCEL) throw new Error('Set NEXTAUTH_SECRET: serverless deployments have no data directory to keep one in.');
  const file = path.join(dataDir(), 'auth-secret');
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
