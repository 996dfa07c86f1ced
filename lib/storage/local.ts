import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertObjectPath, type BlobStore } from './store';

/** Objects as files under `root` (by default <data dir>/uploads), served by the app's authenticated route. */
export function localBlobStore(root: string): BlobStore {
  const fileOf = (objectPath: string) => {
    assertObjectPath(objectPath);
    return path.join(root, ...objectPath.split('/'));
  };
  return {
    kind: 'local',
    async put(objectPath, bytes) {
      const file = fileOf(objectPath);
      await mkdir(path.dirname(file), { recursive: true });
      // Written beside, then renamed into place: a reader never sees half a file, and a failed
      // write leaves only the temporary file, which is removed.
      const temporary = `${file}.${process.pid}.${crypto.randomUUID()}.part`;
      try {
        await writeFile(temporary, bytes, { flag: 'wx' });
        await rename(temporary, file);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async read(objectPath) {
      return new Uint8Array(await readFile(fileOf(objectPath)));
    },
    async delete(paths) {
      await Promise.all(paths.map((p) => rm(fileOf(p), { force: true })));
    },
    async signedUrl() {
      return null;
    },
  };
}
