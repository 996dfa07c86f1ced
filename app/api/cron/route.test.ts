import { afterEach, describe, expect, it, vi } from 'vitest';
import { GET } from '@/app/api/cron/route';
import { installProcessDatabase } from '@/lib/testing/use-database';

// The route runs the real jobs, in the process's database.
const db = installProcessDatabase();
afterEach(() => vi.unstubAllEnvs());

const cron = (authorization?: string) =>
  GET(new Request('http://hearth.test/api/cron', { headers: authorization ? { authorization } : {} }), {
    params: Promise.resolve({}),
  });

describe('GET /api/cron', () => {
  it('is off without CRON_SECRET, and says what to set', async () => {
    vi.stubEnv('CRON_SECRET', '');
    const response = await cron('Bearer anything');
    expect(response.status).toBe(503);
    expect((await response.json()).error).toMatchObject({
      code: 'cron_disabled',
      message: expect.stringContaining('CRON_SECRET'),
    });
  });

  it('answers 401 without the secret or with another one, and runs nothing', async () => {
    vi.stubEnv('CRON_SECRET', 'the-cron-secret');
    for (const authorization of [undefined, 'Bearer wrong', 'the-cron-secret', 'Bearer the-cron-secret2']) {
      const response = await cron(authorization);
      expect(response.status).toBe(401);
      expect((await response.json()).error.type).toBe('authentication_error');
    }
    expect(await db().query('select 1 from hearth.job_runs')).toEqual([]);
  });

  it('runs the due jobs with the secret, and finds them not due right after', async () => {
    vi.stubEnv('CRON_SECRET', 'the-cron-secret');
    const response = await cron('Bearer the-cron-secret');
    expect(response.status).toBe(200);
    const { runs } = (await response.json()) as { runs: { job: string; ran: boolean; outcome?: string }[] };
    expect(runs.map((r) => r.job)).toEqual([
      'close-stuck-replies',
      'expire-calls',
      'prune-rate-limits',
      'delete-stale-uploads',
      'delete-lapsed-guests',
      'refresh-usage-rollups',
      'prune-job-runs',
    ]);
    expect(runs.every((r) => r.ran && r.outcome === 'ok')).toBe(true);
    const again = (await (await cron('Bearer the-cron-secret')).json()) as {
      runs: { ran: boolean; reason?: string }[];
    };
    expect(again.runs.every((r) => !r.ran && r.reason === 'not due')).toBe(true);
  });
});
