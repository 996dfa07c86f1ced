import type { Env } from '@/lib/ai/providers';
import type { Database } from '@/lib/db/client';
import {
  deletePendingUpload,
  getPendingUpload,
  getUpload,
  insertPendingUpload,
  insertUpload,
  type PendingUpload,
  type Upload,
} from '@/lib/uploads/queries';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { getBlobStore, type BlobStore } from '@/lib/storage';
import type { StoredObject, UploadTarget } from '@/lib/storage/store';
import { readBodyBytes } from '@/lib/validation/parse';
import { checkFileBytes, cleanFilename, emptyFile, tooLarge, type ReceivedFile } from './checks';
import { kindOf, maxBytesFor, type MediaKind, type MediaType } from './limits';
import { contentPath, inspectFile, objectPathFor, type FileDetails } from './service';

/**
 * Uploads in two steps, so the bytes need not pass through the app: a target (where and how the
 * client sends them: a signed Storage URL, or the app's own route with local storage), then a
 * confirmation that checks the stored object as the one-step upload checks a body, and only then
 * records it. Between the two the upload is pending (hearth.pending_uploads, in the user's scope).
 */

/** How long a target can be used: Supabase Storage's signed upload URLs last two hours. */
export const UPLOAD_TARGET_SECONDS = 2 * 60 * 60;

export type TargetRequest = { kind: MediaKind; mediaType: MediaType; size: number; filename?: string | null };
export type IssuedTarget = { pending: PendingUpload; target: UploadTarget; expiresAt: Date };
type Options = { db?: Database; store?: BlobStore };

/** Step one: checks what the client announces, and answers where to send the bytes. */
export async function createUploadTarget(
  user: UserScope,
  request: TargetRequest,
  options: Options & { origin: string },
): Promise<IssuedTarget> {
  if (kindOf(request.mediaType) !== request.kind) {
    throw new HearthError(
      'bad_request',
      `${request.mediaType} is ${kindOf(request.mediaType) === 'image' ? 'an image' : 'audio'} type, not ${request.kind}.`,
      { param: 'kind' },
    );
  }
  if (request.size > maxBytesFor(request.kind)) throw tooLarge(request.kind);
  const store = options.store ?? getBlobStore();
  const id = crypto.randomUUID();
  const path = objectPathFor(user.id, id, request.mediaType);
  // Signed before the row exists: a target that could not be made leaves nothing to clean up.
  const target = await store.uploadTarget(path, request.mediaType, new URL(contentPath(id), options.origin).toString());
  const pending = await withUser(
    user,
    (tx) =>
      insertPendingUpload(tx, {
        id,
        kind: request.kind,
        mediaType: request.mediaType,
        sizeBytes: request.size,
        filename: cleanFilename(request.filename),
        path,
      }),
    options.db,
  );
  return { pending, target, expiresAt: new Date(pending.createdAt.getTime() + UPLOAD_TARGET_SECONDS * 1000) };
}

/**
 * The local driver's target: the app's route receives the bytes of one of the caller's pending
 * uploads, capped at its kind's size as they arrive, and writes them once (a second send is a 409).
 */
export async function receiveUploadBytes(
  user: UserScope,
  id: string,
  request: Request,
  options: Options = {},
): Promise<void> {
  const store = options.store ?? getBlobStore();
  if (store.kind !== 'local') {
    throw new HearthError('conflict', "Files here go straight to storage: send the bytes to the upload target's URL.");
  }
  const pending = await withUser(user, (tx) => getPendingUpload(tx, id), options.db);
  if (!pending) throw notFound();
  if (pending.createdAt.getTime() + UPLOAD_TARGET_SECONDS * 1000 < Date.now()) {
    throw new HearthError('gone', 'This upload target has expired: ask for a new one.');
  }
  // Checked before reading, so a pending upload takes at most one body.
  if (await store.stat(pending.path)) throw alreadySent();
  const bytes = await readBodyBytes(request, maxBytesFor(pending.kind), () => tooLarge(pending.kind)).catch(
    (error: unknown) => {
      if (error instanceof HearthError) throw error;
      throw new HearthError('bad_request', 'The request body broke off.', { param: 'file' });
    },
  );
  if (!bytes?.byteLength) throw emptyFile();
  await store.put(pending.path, bytes, pending.mediaType).catch(async (error: unknown) => {
    // Two sends at once: the other one's bytes are in place.
    if (await store.stat(pending.path)) throw alreadySent();
    throw error;
  });
}

/**
 * Step two: reads the stored object back and checks it exactly as a one-step upload is checked
 * (type by magic bytes and as announced, size cap, image dimensions; a voice note is transcribed),
 * then records it in the caller's scope. A refused object is deleted with its pending row, and
 * nothing is recorded. Confirming again answers the upload already recorded.
 */
export async function confirmUpload(
  user: UserScope,
  id: string,
  options: Options & { env?: Env } = {},
): Promise<{ upload: Upload; created: boolean }> {
  const store = options.store ?? getBlobStore();
  const pending = await withUser(user, (tx) => getPendingUpload(tx, id), options.db);
  if (!pending) return { upload: await confirmedBefore(user, id, options.db), created: false };

  const stored = await reach(store.stat(pending.path));
  if (!stored)
    throw new HearthError(
      'conflict',
      'Nothing has been uploaded yet: send the file to the upload target, then confirm.',
      { param: 'file' },
    );

  let refusal = refusalOfStored(pending, stored);
  let checked: { file: ReceivedFile; details: FileDetails } | null = null;
  if (!refusal) {
    const bytes = await reach(store.read(pending.path));
    try {
      checked = await checkStoredBytes(pending, bytes, options.env ?? process.env);
    } catch (error) {
      if (!(error instanceof HearthError)) throw error;
      refusal = error;
    }
  }
  if (refusal || !checked) {
    await discardPending(user, pending, store, options.db);
    throw refusal ?? new HearthError('bad_request', 'This file could not be checked.', { param: 'file' });
  }

  const { file, details } = checked;
  const upload = await recordConfirmed(user, id, pending, file, details, options.db).catch(async (error: unknown) => {
    // Bytes larger than announced may not fit the storage quota: refused like any other check.
    if (error instanceof HearthError && error.publicCode === 'storage_quota')
      await discardPending(user, pending, store, options.db);
    throw error;
  });
  return upload ? { upload, created: true } : { upload: await confirmedBefore(user, id, options.db), created: false };
}

function recordConfirmed(
  user: UserScope,
  id: string,
  pending: PendingUpload,
  file: ReceivedFile,
  details: FileDetails,
  db?: Database,
): Promise<Upload | null> {
  return withUser(
    user,
    async (tx) => {
      // Taking the pending row is the claim: of two confirmations at once, one records the upload.
      if (!(await deletePendingUpload(tx, id))) return null;
      return insertUpload(tx, {
        id,
        kind: file.kind,
        source: 'upload',
        mediaType: file.mediaType,
        sizeBytes: file.bytes.byteLength,
        path: pending.path,
        filename: pending.filename,
        ...details,
      });
    },
    db,
  );
}

/** What the stored object's details alone refuse: more bytes than its kind may have, or stored under another type. */
function refusalOfStored(pending: PendingUpload, stored: StoredObject): HearthError | null {
  if (stored.size === 0) return emptyFile();
  if (stored.size > maxBytesFor(pending.kind)) return tooLarge(pending.kind);
  const storedType = stored.contentType?.split(';')[0]!.trim().toLowerCase();
  if (storedType && storedType !== pending.mediaType) {
    return new HearthError(
      'bad_request',
      `The file was sent as ${storedType}, not ${pending.mediaType}: send it with the Content-Type header the upload target gave.`,
      { param: 'file' },
    );
  }
  return null;
}

async function checkStoredBytes(
  pending: PendingUpload,
  bytes: Uint8Array,
  env: Env,
): Promise<{ file: ReceivedFile; details: FileDetails }> {
  const file = checkFileBytes(bytes, pending.filename);
  if (file.mediaType !== pending.mediaType) {
    throw new HearthError(
      'bad_request',
      `This file's content is ${file.mediaType}, not the ${pending.mediaType} announced: ask for a target with media_type "${file.mediaType}".`,
      { param: 'media_type' },
    );
  }
  return { file, details: await inspectFile(file, env) };
}

/** A refused upload leaves nothing: its object and its pending row go. */
async function discardPending(user: UserScope, pending: PendingUpload, store: BlobStore, db?: Database): Promise<void> {
  await store
    .delete([pending.path])
    .catch((error: unknown) => console.error('[uploads] could not delete a refused object:', error));
  await withUser(user, (tx) => deletePendingUpload(tx, pending.id), db);
}

async function confirmedBefore(user: UserScope, id: string, db?: Database): Promise<Upload> {
  const upload = await withUser(user, (tx) => getUpload(tx, id), db);
  if (!upload || upload.source !== 'upload') throw notFound();
  return upload;
}

/** A store that cannot be reached is worth a retry (503), and says nothing about the file. */
async function reach<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    console.error('[uploads] the file store failed:', error);
    throw new HearthError('unavailable', 'The file store is out of reach right now. Please try again in a moment.');
  }
}

function notFound(): HearthError {
  return new HearthError('not_found', 'This upload does not exist: ask for a new upload target.');
}

function alreadySent(): HearthError {
  return new HearthError('conflict', 'The file was already sent: confirm the upload.');
}
