import path from 'node:path';

/** Where the embedded database, uploads and the generated auth secret live. */
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.HEARTH_DATA_DIR ?? path.join(process.cwd(), '.data'));
}
