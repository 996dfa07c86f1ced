import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forkTs } from '@/lib/testing/fork-ts';

// Real processes, as two servers would be: a holder opens the directory, a second one tries to.
const HOLDER = 'lib/testing/pglite-holder.ts';

type Holder = {
  child: ChildProcess;
  exited: Promise<number | null>;
  next: (type: string) => Promise<Record<string, unknown>>;
  ask: (command: object, type: string) => Promise<Record<string, unknown>>;
};

function startHolder(dataDir: string): Holder {
  const child = forkTs(HOLDER, [dataDir], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const next = (type: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const listen = (message: Record<string, unknown>) => {
        if (message?.type !== type && message?.type !== 'open-failed') return;
        child.off('message', listen);
        resolve(message);
      };
      child.on('message', listen);
      void exited.then((code) => reject(new Error(`the holder exited (code ${code}) before sending ${type}`)));
    });
  return {
    child,
    exited,
    next,
    ask: (command, type) => {
      const reply = next(type);
      child.send(command);
      return reply;
    },
  };
}

describe('a second process on the same PGlite directory', () => {
  const started: Holder[] = [];
  let dataDir: string | undefined;
  afterEach(() => {
    for (const holder of started) if (holder.child.exitCode === null) holder.child.kill('SIGKILL');
    started.length = 0;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  const start = (dir: string) => {
    const holder = startHolder(dir);
    started.push(holder);
    return holder;
  };

  it('fails with a clear error while the first keeps working and loses no write', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'hearth-lock-fault-'));
    const first = start(dataDir);
    const ready = await first.next('ready');
    expect(ready).toEqual({ type: 'ready', pid: first.child.pid });

    let written = 0;
    const write = async (label: string) => {
      expect(await first.ask({ type: 'write', label }, 'written')).toEqual({ type: 'written', label });
      written += 1;
    };
    for (let i = 0; i < 10; i++) await write(`before-${i}`);

    // The first keeps writing the whole time the second is starting and failing.
    const second = start(dataDir);
    let secondDone = false;
    const secondOutcome = second.next('ready').finally(() => (secondDone = true));
    let during = 0;
    while (!secondDone) {
      await write(`during-${during}`);
      during += 1;
    }
    const outcome = await secondOutcome;
    expect(outcome.type).toBe('open-failed');
    expect(outcome.message).toBe(
      `The embedded database in ${dataDir} is in use by another Hearth process (pid ${first.child.pid}). ` +
        'Stop that process, or give this one its own HEARTH_DATA_DIR, or set DATABASE_URL to share a PostgreSQL server.',
    );
    expect(await second.exited).toBe(1);
    expect(during).toBeGreaterThan(0);

    for (let i = 0; i < 10; i++) await write(`after-${i}`);
    expect(await first.ask({ type: 'count' }, 'count')).toEqual({ type: 'count', count: written });

    // Every write reached the disk: a process opening the directory afterwards finds them all.
    first.child.send({ type: 'close' });
    expect(await first.exited).toBe(0);
    const reopened = start(dataDir);
    expect((await reopened.next('ready')).type).toBe('ready');
    expect(await reopened.ask({ type: 'count' }, 'count')).toEqual({ type: 'count', count: written });
    reopened.child.send({ type: 'close' });
    expect(await reopened.exited).toBe(0);
  }, 120_000);
});
