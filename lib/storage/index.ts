import 'server-only';
import { getConfig, type Config } from '@/lib/config';
import { localBlobStore } from './local';
import type { BlobStore } from './store';
import { supabaseBlobStore } from './supabase';

export type { BlobStore } from './store';

/** The deployment's blob store: Supabase Storage when configured, else local disk under the data directory. */
export function blobStoreFor(storage: Config['storage']): BlobStore {
  return storage.kind === 'supabase'
    ? supabaseBlobStore({ url: storage.url, serviceRoleKey: storage.serviceRoleKey, bucket: storage.bucket })
    : localBlobStore(storage.dir);
}

const global = globalThis as { hearthBlobStore?: BlobStore };

/** The process's blob store, made once. */
export function getBlobStore(): BlobStore {
  return (global.hearthBlobStore ??= blobStoreFor(getConfig().storage));
}
