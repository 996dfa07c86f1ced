/**
 * Where uploaded and generated media live: one interface, two drivers. Local disk under the data
 * directory by default; a private Supabase Storage bucket when SUPABASE_URL and
 * SUPABASE_SERVICE_ROLE_KEY are set. Object paths always start with the owner's user id.
 */
export interface BlobStore {
  readonly kind: 'local' | 'supabase';
  /** Writes the whole object, or nothing: a failed write leaves no partial object behind. */
  put(path: string, bytes: Uint8Array, mediaType: string): Promise<void>;
  read(path: string): Promise<Uint8Array>;
  /** Deletes the objects; ones that are already gone are not an error. */
  delete(paths: string[]): Promise<void>;
  /**
   * A short-lived URL the browser can fetch the object from directly, or null when the app serves
   * the object itself (local disk, through its authenticated route).
   */
  signedUrl(path: string, expiresInSeconds: number): Promise<string | null>;
}

/** Object paths are made by the app (`<user id>/<upload id>.<ext>`); anything else is a bug. */
export function assertObjectPath(path: string): void {
  if (!/^[0-9a-f-]{36}\/[0-9a-f-]{36}\.[a-z0-9]{2,5}$/.test(path)) throw new Error(`Not a valid object path: ${path}`);
}
