import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import type { FilesystemFacts } from './problems.ts';

/**
 * Whether the data directory could be written: the directory itself, or the nearest folder above
 * it that exists (it is created on first use). A read-only mount (a Vercel function's
 * /var/task, a container's read-only root) answers EROFS, even to root.
 */
export function probeFilesystem(dataDir: string): FilesystemFacts {
  let dir = path.resolve(dataDir);
  while (!existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  try {
    accessSync(dir, constants.W_OK);
    return { dataDirWritable: true };
  } catch {
    return { dataDirWritable: false };
  }
}
