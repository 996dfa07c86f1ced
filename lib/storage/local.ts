import { link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertObjectPath, type BlobStore } from './store';

/**
 * Objects as files under `root` (by default <data dir>/uploads), served by the app's authenticated
 * route. A client's upload target is the app's own route: the bytes go through the server, which
 * caps them as it reads.
 */
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
      // Written beside, then linked into place: a reader never sees half a file, a failed write
      // leaves only the temporary file (removed), and linking fails if the object exists, so an
      // object once checked can never be swapped for other bytes.
      const temporary = `${file}.${process.pid}.${crypto.randomUUID()}.part`;
      try {
        await writeFile(temporary, bytes, { flag: 'wx' });
        await link(temporary, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST')
          throw new Error(`The object already exists: ${objectPath}`);
        throw error;
      } finally {
        await rm(temporary, { force: true });
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
    async uploadTarget(objectPath, mediaType, appUrl) {
      assertObjectPath(objectPath);
      return { method: 'PUT', url: appUrl, headers: { 'content-type': mediaType }, sendCredentials: true };
    },
    async stat(objectPath) {
      const found = await stat(fileOf(objectPath)).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      return found?.isFile() ? { size: found.size, contentType: null } : null;
    },
  };
}
