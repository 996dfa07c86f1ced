import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { runDueJobs } from './runner';

/** How often a self-hosted server looks for due jobs; each job keeps its own interval. */
export const TIMER_INTERVAL_MS = 60_000;

const STARTED = Symbol.for('hearth.jobTimer');
type Holder = { [STARTED]?: NodeJS.Timeout };

/**
 * Self-hosted, a timer in each server process triggers the runner every minute (the advisory
 * locks and the record of runs make several servers run each job once). On Vercel a function
 * lives only for its request, so Vercel Cron calls /api/cron instead. Started once per process
 * from instrumentation.ts; unref'd, so it never keeps a process alive.
 */
export function startJobTimer(): boolean {
  const holder = globalThis as Holder;
  if (getConfig().platform.vercel || process.env.NEXT_PHASE === 'phase-production-build' || holder[STARTED])
    return false;
  let running = false;
  holder[STARTED] = setInterval(() => {
    if (running) return;
    running = true;
    void Promise.resolve()
      .then(getDb)
      .then((db) => runDueJobs(db))
      .catch((error: unknown) => console.warn(`[jobs] the timer could not run the jobs: ${(error as Error).message}`))
      .finally(() => (running = false));
  }, TIMER_INTERVAL_MS).unref();
  return true;
}

/** Stops this process's timer (tests; a server going down needs nothing: the timer is unref'd). */
export function stopJobTimer(): void {
  const holder = globalThis as Holder;
  clearInterval(holder[STARTED]);
  holder[STARTED] = undefined;
}
