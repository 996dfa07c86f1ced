import { createClient } from '@supabase/supabase-js';
import { AUDIO_TYPES, IMAGE_TYPES, MAX_AUDIO_BYTES } from '@/lib/uploads/limits';
import { assertObjectPath, type BlobStore } from './store';

export type SupabaseStorageOptions = { url: string; serviceRoleKey: string; bucket: string };

/**
 * Objects in a private Supabase Storage bucket, reached with the service role key on the server
 * only. The browser gets short-lived signed URLs, never the key: signed download URLs to show a
 * file, and signed upload URLs to send one straight to the bucket. The bucket is made private on
 * first use if the migration has not made it (a project whose database is not Supabase's own),
 * with Storage's own size and type limits as a first fence (the confirmation is the real check).
 */
export function supabaseBlobStore({ url, serviceRoleKey, bucket }: SupabaseStorageOptions): BlobStore {
  const client = createClient(url, serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false } });
  const files = () => client.storage.from(bucket);
  let ready: Promise<void> | undefined;
  const ensureBucket = () =>
    (ready ??= (async () => {
      const found = await client.storage.getBucket(bucket);
      if (!found.error) return;
      const created = await client.storage.createBucket(bucket, {
        public: false,
        fileSizeLimit: MAX_AUDIO_BYTES,
        allowedMimeTypes: [...IMAGE_TYPES, ...AUDIO_TYPES],
      });
      if (created.error && !/already exists/i.test(created.error.message))
        throw storageError('create the bucket', created.error);
    })().catch((error: unknown) => {
      ready = undefined;
      throw error;
    }));

  return {
    kind: 'supabase',
    async put(path, bytes, mediaType) {
      assertObjectPath(path);
      await ensureBucket();
      const { error } = await files().upload(path, bytes, {
        contentType: mediaType,
        upsert: false,
        cacheControl: '31536000',
      });
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
    async uploadTarget(path, mediaType) {
      assertObjectPath(path);
      await ensureBucket();
      // No upsert: the URL can create the object once and never replace it, so bytes that were
      // checked stay the bytes that are kept. Storage keeps the URL valid for two hours.
      const { data, error } = await files().createSignedUploadUrl(path);
      if (error) throw storageError('sign an upload URL for', error);
      return { method: 'PUT', url: data.signedUrl, headers: { 'content-type': mediaType }, sendCredentials: false };
    },
    async stat(path) {
      assertObjectPath(path);
      const { data, error } = await files().info(path);
      if (error) {
        if (isMissing(error)) return null;
        throw storageError('read the details of', error);
      }
      return { size: Number(data.size ?? 0), contentType: data.contentType ?? null };
    },
  };
}

/** Storage answers a missing object with HTTP 400 and statusCode "404" (or, newer, HTTP 404 / NoSuchKey). */
function isMissing(error: { message: string }): boolean {
  const e = error as { status?: number; statusCode?: string; code?: string };
  return e.status === 404 || e.statusCode === '404' || e.code === 'NoSuchKey';
}

function storageError(action: string, error: { message: string }): Error {
  return new Error(`Supabase Storage could not ${action} the object: ${error.message}`);
}
