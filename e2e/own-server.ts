import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { test } from '@playwright/test';

/**
 * A `next start` of the spec's own, on the embedded database in a fresh data directory, with the
 * settings it tests (low limits, say) that the shared server must not have. Registers the start in
 * beforeAll and the stop in afterAll, runs the spec's tests one after another against it, and
 * returns its base URL. `offset` is added to E2E_PORT; each spec takes its own.
 */
export function ownServer(name: string, offset: number, env: Record<string, string>): string {
  const port = Number(process.env.E2E_PORT ?? 3210) + offset;
  const baseURL = `http://127.0.0.1:${port}`;
  const dataDir = path.join(process.cwd(), '.data', `e2e-${name}`);
  let server: ChildProcess | undefined;

  test.describe.configure({ mode: 'serial' });
  test.use({ baseURL });

  test.beforeAll(async () => {
    test.setTimeout(150_000);
    rmSync(dataDir, { recursive: true, force: true });
    server = spawn(
      process.execPath,
      ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(port)],
      {
        env: { ...process.env, HEARTH_DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', ...env },
        stdio: ['ignore', 'ignore', 'inherit'],
        detached: true,
      },
    );
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (
        await fetch(`${baseURL}/signin`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`The ${name} spec's server did not start on port ${port}`);
  });

  test.afterAll(async () => {
    if (server?.pid) process.kill(-server.pid, 'SIGTERM');
    await new Promise((resolve) => (server && server.exitCode === null ? server.once('exit', resolve) : resolve(null)));
    rmSync(dataDir, { recursive: true, force: true });
  });

  return baseURL;
}
