import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runStartup } from '@/lib/testing/startup';

/**
 * The real start (lib/db/startup.ts, which instrumentation.ts imports) in a process of its own,
 * with only the environment a deployment would give it.
 */
describe('the start refuses a configuration that cannot work, in a sentence', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'hearth-startup-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('on Vercel without a database: names DATABASE_URL, storage and the secret, exits non-zero', async () => {
    const { status, output } = await runStartup({ VERCEL: '1', HEARTH_DATA_DIR: path.join(scratch, 'vercel') });
    expect(status).toBe(1);
    expect(output).toContain('Hearth cannot start until this is fixed:');
    expect(output).toContain('  - Set DATABASE_URL (or POSTGRES_URL');
    expect(output).toContain('  - Set SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY');
    expect(output).toContain('  - Set NEXTAUTH_SECRET');
    expect(output).not.toContain('ENOENT');
    expect(output.match(/warning: REDIS_URL is not set/g)).toHaveLength(1);
  });

  it('with a shared database and no NEXTAUTH_SECRET: refuses before connecting', async () => {
    // Nothing listens on port 1: a connection attempt would print ECONNREFUSED instead.
    const { status, output } = await runStartup({
      DATABASE_URL: 'postgres://hearth@127.0.0.1:1/hearth',
      HEARTH_DATA_DIR: path.join(scratch, 'shared'),
    });
    expect(status).toBe(1);
    expect(output).toMatch(/- Set NEXTAUTH_SECRET .*several servers may sign sessions/);
    expect(output).not.toContain('ECONNREFUSED');
  });

  it('prints what cannot be opened, naming where to look, when the database does not answer', async () => {
    const { status, output } = await runStartup({
      POSTGRES_URL: 'postgres://hearth@127.0.0.1:1/hearth',
      NEXTAUTH_SECRET: 'x'.repeat(32),
      HEARTH_DATA_DIR: path.join(scratch, 'refused'),
    });
    expect(status).toBe(1);
    expect(output).toContain(
      '[hearth] Could not reach the database (connect ECONNREFUSED 127.0.0.1:1): check the host and port in POSTGRES_URL.',
    );
  });

  // A read-only mount needs a mount namespace (unshare -rm); where the sandbox forbids one, say so.
  const canMount = spawnSync('unshare', ['-rm', 'sh', '-c', `mount -t tmpfs -o ro none "${scratch}"`]).status === 0;
  if (!canMount)
    console.warn('[startup.test] skipping the read-only file system case: `unshare -rm` cannot mount here');
  it.skipIf(!canMount)('on a read-only file system without a database: refuses, naming the directory', async () => {
    const readOnly = path.join(scratch, 'ro');
    spawnSync('mkdir', ['-p', readOnly]);
    const mountThenRun = ['unshare', '-rm', 'sh', '-c', 'mount -t tmpfs -o ro none "$0" && exec "$@"', readOnly];
    const { status, output } = await runStartup(
      { HEARTH_DATA_DIR: path.join(readOnly, 'data') },
      { prefix: mountThenRun },
    );
    expect(status).toBe(1);
    expect(output).toContain(
      `Set DATABASE_URL to a PostgreSQL connection string, or HEARTH_DATA_DIR to a writable directory: the embedded database would be kept in ${path.join(readOnly, 'data')}, which is on a read-only file system.`,
    );
    expect(output).not.toContain('EROFS');
  });
});
