import path from 'node:path';
import type { Env } from '@/lib/ai/providers';
import { dataDir } from '@/lib/db/paths';
import { localBlobStore } from './local';
import type { BlobStore } from './store';
import { supabaseBlobStore } from './supabase';

export type { BlobStore } from './store';

export const DEFAULT_BUCKET = 'hearth-media';

/** The deployment's blob store: Supabase Storage when configured, else local disk under the data directory. */
export function blobStoreFor(env: Env): BlobStore {
  if (env.SUPABASE_URL && env.SUPABASE_SERVICE_ROLE_KEY) {
    return supabaseBlobStore({ url: env.SUPABASE_URL, serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY, bucket: env.SUPABASE_STORAGE_BUCKET || DEFAULT_BUCKET });
  }
  return localBlobStore(path.join(dataDir(), 'uploads'));
}

const global = globalThis as { hearthBlobStore?: BlobStore };

/** The process's blob store, made once. */
export function getBlobStore(): BlobStore {
  return (global.hearthBlobStore ??= blobStoreFor(process.env));
}
