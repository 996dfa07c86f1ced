import { createClient } from '@supabase/supabase-js';
import { assertObjectPath, type BlobStore } from './store';

export type SupabaseStorageOptions = { url: string; serviceRoleKey: string; bucket: string };

/**
 * Objects in a private Supabase Storage bucket, reached with the service role key on the server
 * only. The browser gets short-lived signed URLs, never the key. The bucket is made private on
 * first use if the migration has not made it (a project whose database is not Supabase's own).
 */
export function supabaseBlobStore({ url, serviceRoleKey, bucket }: SupabaseStorageOptions): BlobStore {
  const client = createClient(url, serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false } });
  const files = () => client.storage.from(bucket);
  let ready: Promise<void> | undefined;
  const ensureBucket = () =>
    (ready ??= (async () => {
      const found = await client.storage.getBucket(bucket);
      if (!found.error) return;
      const created = await client.storage.createBucket(bucket, { public: false });
      if (created.error && !/already exists/i.test(created.error.message)) throw storageError('create the bucket', created.error);
    })().catch((error: unknown) => {
      ready = undefined;
      throw error;
    }));

  return {
    kind: 'supabase',
    async put(path, bytes, mediaType) {
      assertObjectPath(path);
      await ensureBucket();
      const { error } = await files().upload(path, bytes, { contentType: mediaType, upsert: false, cacheControl: '31536000' });
      if (error) throw storageError('upload', error);
    },
    async read(path) {
      assertObjectPath(path);
      const { data, error } = await files().download(path);
      if (error) throw storageError('download', error);
      return new Uint8Array(await data.arrayBuffer());
    },
    async delete(paths) {
      paths.forEach(assertObjectPath);
      if (!paths.length) return;
      const { error } = await files().remove(paths);
      if (error) throw storageError('delete', error);
    },
    async signedUrl(path, expiresInSeconds) {
      assertObjectPath(path);
      const { data, error } = await files().createSignedUrl(path, expiresInSeconds);
      if (error) throw storageError('sign a URL for', error);
      return data.signedUrl;
    },
  };
}

function storageError(action: string, error: { message: string }): Error {
  return new Error(`Supabase Storage could not ${action} the object: ${error.message}`);
}
