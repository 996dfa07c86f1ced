import { fork, type ChildProcess, type ForkOptions } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Starts a TypeScript file of the app in a real Node process, with `@/` imports resolved (as bench does). */
export function forkTs(file: string, args: string[], options: ForkOptions = {}): ChildProcess {
  return fork(path.resolve(ROOT, file), args, {
    cwd: ROOT,
    execArgv: [
      '--experimental-transform-types',
      '--disable-warning=ExperimentalWarning',
      '--disable-warning=MODULE_TYPELESS_PACKAGE_JSON',
      '--import',
      path.join(ROOT, 'bench/ts-paths.mjs'),
    ],
    ...options,
  });
}
