import { afterEach, describe, expect, it, vi } from 'vitest';
import { installProcessDatabase } from '@/lib/testing/use-database';
import { JOBS } from './registry';
import { startJobTimer, stopJobTimer, TIMER_INTERVAL_MS } from './timer';

const db = installProcessDatabase();
afterEach(() => {
  stopJobTimer();
  vi.useRealTimers();
});

describe('the self-hosted job timer', () => {
  it('is not started on Vercel, where Vercel Cron calls the route', () => {
    vi.stubEnv('VERCEL', '1');
    expect(startJobTimer()).toBe(false);
    vi.unstubAllEnvs();
  });

  it('starts once per process and runs the due jobs every minute', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    expect(startJobTimer()).toBe(true);
    expect(startJobTimer()).toBe(false);
    expect(await db().query('select 1 from hearth.job_runs')).toEqual([]);
    vi.advanceTimersByTime(TIMER_INTERVAL_MS);
    for (let i = 0; i < 100 && (await db().query('select 1 from hearth.job_runs')).length < JOBS.length; i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const [row] = await db().query<{ jobs: number }>('select count(distinct job)::int as jobs from hearth.job_runs');
    expect(row?.jobs).toBe(JOBS.length);
  });
});
