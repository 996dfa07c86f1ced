import { getDb } from '@/lib/db';
import { siteRoute } from '@/lib/api/route';
import { runCron } from '@/lib/jobs/cron';

// The jobs are short; the rollups over a busy day are the longest of them.
export const maxDuration = 300;

/** Vercel Cron's trigger for the scheduled jobs (vercel.json); self-hosted servers run them on a timer. */
export const GET = siteRoute(async (request) => Response.json(await runCron(request, getDb)));
