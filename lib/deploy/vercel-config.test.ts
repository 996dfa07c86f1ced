import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TOTAL_TIMEOUT_MS } from '@/lib/chat/generation';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

// Every route that streams a model's reply (or replays one being written).
const STREAMING_ROUTES = [
  'app/api/chat/route.ts',
  'app/api/chat/[id]/stream/route.ts',
  'app/api/v1/conversations/[id]/messages/route.ts',
  'app/api/v1/conversations/[id]/stream/route.ts',
  'app/api/v1/chat/completions/route.ts',
  'app/api/v1/calls/[id]/turns/route.ts',
  'app/api/admin/preview/route.ts',
];

describe('serverless lifetimes in the deploy configuration', () => {
  it.each(STREAMING_ROUTES)('%s may run longer than a generation may take', (route) => {
    // Next.js reads the value statically: it must be a literal export.
    const declared = /^export const maxDuration = (\d+);$/m.exec(read(route));
    expect(declared, `${route} exports no literal maxDuration`).not.toBeNull();
    const seconds = Number(declared![1]);
    expect(seconds).toBeLessThanOrEqual(300); // the most the Hobby plan allows
    expect(seconds * 1000 - DEFAULT_TOTAL_TIMEOUT_MS).toBeGreaterThanOrEqual(15_000); // time left to save the reply
  });

  it('vercel.json calls the cron route once a day (what the Hobby plan allows), and sets durations nowhere else', () => {
    const config = JSON.parse(read('vercel.json')) as {
      crons?: { path: string; schedule: string }[];
      functions?: unknown;
    };
    expect(config.crons).toHaveLength(1);
    expect(config.crons![0]!.path).toBe('/api/cron');
    const [minute, hour, ...rest] = config.crons![0]!.schedule.split(' ');
    expect([minute, hour].every((field) => /^\d+$/.test(field!))).toBe(true);
    expect(rest).toEqual(['*', '*', '*']);
    expect(config.functions).toBeUndefined();
  });
});
