import type { Env } from '@/lib/ai/providers';
import { TRANSCRIPTION_NEEDS_KEY, transcribeAudio } from '@/lib/ai/transcription';
import { redactedMessage } from '@/lib/ai/errors';
import type { Database } from '@/lib/db/client';
import { getUpload, insertUpload, type Upload } from '@/lib/db/uploads';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { getBlobStore, type BlobStore } from '@/lib/storage';
import { imageDimensions } from './dimensions';
import { EXTENSIONS, MAX_IMAGE_SIDE, type AudioType, type ImageType, type MediaType } from './limits';
import type { ReceivedFile } from './receive';

export type UploadOptions = { db?: Database; store?: BlobStore; env?: Env };

/** How long a signed URL handed to a browser or API client lives. */
export const SIGNED_URL_SECONDS = 5 * 60;

/**
 * Checks and keeps a received file: images must have readable dimensions within the cap; voice
 * notes are transcribed (or kept with the reason they are not). The object is written first and
 * the row after it, in the user's scope; if the row cannot be written the object is deleted, so a
 * refusal or a failure leaves nothing behind.
 */
export async function saveUpload(user: UserScope, file: ReceivedFile, options: UploadOptions = {}): Promise<Upload> {
  const env = options.env ?? process.env;
  const store = options.store ?? getBlobStore();
  let width: number | null = null;
  let height: number | null = null;
  let transcript: string | null = null;
  let transcriptLanguage: string | null = null;
  let transcriptError: string | null = null;

  if (file.kind === 'image') {
    const size = imageDimensions(file.bytes, file.mediaType as ImageType);
    if (!size) throw new HearthError('bad_request', 'This image could not be read: its header is damaged or cut short.', { param: 'file' });
    if (size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE) {
      throw new HearthError('bad_request', `Images can be at most ${MAX_IMAGE_SIDE} × ${MAX_IMAGE_SIDE} pixels; this one is ${size.width} × ${size.height}.`, { param: 'file' });
    }
    ({ width, height } = size);
  } else {
    try {
      const result = await transcribeAudio(file.bytes, file.mediaType as AudioType, env);
      if (result) {
        transcript = result.text.slice(0, 20_000);
        transcriptLanguage = result.language;
        if (!transcript) transcriptError = 'No speech was heard in this note.';
      } else {
        transcriptError = TRANSCRIPTION_NEEDS_KEY;
      }
    } catch (error) {
      console.warn(`[uploads] transcription failed: ${redactedMessage(error)}`);
      transcriptError = `Transcription failed: ${redactedMessage(error)}`.slice(0, 500);
    }
  }

  return storeUpload(user, { ...file, width, height, transcript, transcriptLanguage, transcriptError, source: 'upload' }, store, options.db);
}

type Storable = {
  bytes: Uint8Array;
  mediaType: MediaType;
  kind: Upload['kind'];
  filename: string | null;
  width: number | null;
  height: number | null;
  transcript?: string | null;
  transcriptLanguage?: string | null;
  transcriptError?: string | null;
  source: Upload['source'];
  conversationId?: string;
  messageId?: string;
};

/** Writes the object, then its row; a failed row write deletes the object again. */
export async function storeUpload(user: UserScope, file: Storable, store: BlobStore, db?: Database): Promise<Upload> {
  const id = crypto.randomUUID();
  const path = `${user.id}/${id}.${EXTENSIONS[file.mediaType]}`;
  await store.put(path, file.bytes, file.mediaType);
  try {
    return await withUser(
      user,
      (tx) =>
        insertUpload(tx, {
          id,
          kind: file.kind,
          source: file.source,
          mediaType: file.mediaType,
          sizeBytes: file.bytes.byteLength,
          path,
          width: file.width,
          height: file.height,
          filename: file.filename,
          transcript: file.transcript ?? null,
          transcriptLanguage: file.transcriptLanguage ?? null,
          transcriptError: file.transcriptError ?? null,
          conversationId: file.conversationId,
          messageId: file.messageId,
        }),
      db,
    );
  } catch (error) {
    await store.delete([path]).catch((cleanup: unknown) => console.error('[uploads] could not delete an orphaned object:', cleanup));
    throw error;
  }
}

/** The path the app serves an upload's bytes at (after checking, in the caller's scope, that it is theirs). */
export function contentPath(id: string): string {
  return `/api/v1/uploads/${id}/content`;
}

/** The upload id in a file part's url (see contentPath). */
export function uploadIdOf(url: string): string | null {
  return /^\/api\/v1\/uploads\/([0-9a-f-]{36})\/content$/.exec(url)?.[1] ?? null;
}

/** Where a client can fetch the upload: a signed URL from Supabase Storage, else the app's own route. */
export async function uploadUrl(upload: Upload, origin: string, store: BlobStore = getBlobStore()): Promise<string> {
  return (await store.signedUrl(upload.path, SIGNED_URL_SECONDS)) ?? new URL(contentPath(upload.id), origin).toString();
}

/** One of the user's uploads, or not found (someone else's is invisible under RLS). */
export async function findUpload(user: UserScope, id: string, db?: Database): Promise<Upload> {
  const upload = await withUser(user, (tx) => getUpload(tx, id), db);
  if (!upload) throw new HearthError('not_found', 'This file does not exist.');
  return upload;
}
