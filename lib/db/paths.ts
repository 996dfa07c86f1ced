import { getConfig } from '../config/index.ts';

/** Where the embedded database, uploads and the generated auth secret live (HEARTH_DATA_DIR, default ./.data). */
export function dataDir(): string {
  return getConfig().dataDir;
}
