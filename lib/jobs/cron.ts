import { createHash, timingSafeEqual } from 'node:crypto';
import type { Database } from '@/lib/db/client';
import { HearthError } from '@/lib/errors';
import { cronSecret } from '@/lib/config';
import { runDueJobs, type JobReport } from './runner';

/**
 * `GET /api/cron`: runs the due jobs for a caller holding CRON_SECRET (Vercel Cron sends it as a
 * bearer token). Without CRON_SECRET the route is off, and says so: a route anyone could call
 * would let anyone make the database work.
 */
export async function runCron(request: Request, db: () => Promise<Database>): Promise<{ runs: JobReport[] }> {
  const secret = cronSecret();
  if (!secret) {
    throw new HearthError(
      'unavailable',
      'The cron route is off: set CRON_SECRET (Vercel Cron sends it as a bearer token) to turn it on.',
      {
        publicCode: 'cron_disabled',
      },
    );
  }
  const given = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  if (!given || !sameSecret(given, secret))
    throw new HearthError('unauthorized', 'This route needs `Authorization: Bearer <CRON_SECRET>`.');
  return { runs: await runDueJobs(await db()) };
}

/** Compared by digest in constant time, so neither the secret's length nor its prefix leaks. */
function sameSecret(given: string, secret: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(secret));
}
