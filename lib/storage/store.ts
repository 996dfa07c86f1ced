/**
 * Where uploaded and generated media live: one interface, two drivers. Local disk under the data
 * directory by default; a private Supabase Storage bucket when SUPABASE_URL and
 * SUPABASE_SERVICE_ROLE_KEY are set. Object paths always start with the owner's user id.
 *
 * Uploads from clients take two steps so their bytes need not pass through the app (a serverless
 * function takes at most 4.5 MB a request): `uploadTarget` says where and how the client sends the
 * bytes, and the confirmation reads them back (`stat`, then `read`) and checks them before any
 * row records the upload.
 */
export interface BlobStore {
  readonly kind: 'local' | 'supabase';
  /** Writes the whole object, or nothing, and never replaces one: an existing object is an error. */
  put(path: string, bytes: Uint8Array, mediaType: string): Promise<void>;
  read(path: string): Promise<Uint8Array>;
  /** Deletes the objects; ones that are already gone are not an error. */
  delete(paths: string[]): Promise<void>;
  /**
   * A short-lived URL the browser can fetch the object from directly, or null when the app serves
   * the object itself (local disk, through its authenticated route).
   */
  signedUrl(path: string, expiresInSeconds: number): Promise<string | null>;
  /**
   * Where a client sends the bytes of a new object at `path` itself. Drivers that keep files on
   * the server's own disk answer `appUrl`, the app's route that receives them; others answer a
   * signed URL of their own, usable once, that cannot replace an existing object.
   */
  uploadTarget(path: string, mediaType: string, appUrl: string): Promise<UploadTarget>;
  /** What is stored at `path` (its size, and its type when the store records one), or null if nothing is. */
  stat(path: string): Promise<StoredObject | null>;
}

export type UploadTarget = {
  method: 'PUT';
  url: string;
  /** Headers the request must carry. */
  headers: Record<string, string>;
  /** Whether the request carries the caller's own credentials (the app's route) or none (a signed URL). */
  sendCredentials: boolean;
};

export type StoredObject = { size: number; contentType: string | null };

/** Object paths are made by the app (`<user id>/<upload id>.<ext>`); anything else is a bug. */
export function assertObjectPath(path: string): void {
  if (!/^[0-9a-f-]{36}\/[0-9a-f-]{36}\.[a-z0-9]{2,5}$/.test(path)) throw new Error(`Not a valid object path: ${path}`);
}
