import type { Env } from '@/lib/ai/providers';
import { transcribeAudio } from '@/lib/voice/transcription';
import { redactedMessage } from '@/lib/ai/errors';
import type { Database } from '@/lib/db/client';
import { getUpload, insertUpload, type Upload } from '@/lib/uploads/queries';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { getBlobStore, type BlobStore } from '@/lib/storage';
import { imageDimensions } from './dimensions';
import { EXTENSIONS, MAX_IMAGE_SIDE, type AudioType, type ImageType, type MediaType } from './limits';
import type { ReceivedFile } from './checks';

export type UploadOptions = { db?: Database; store?: BlobStore; env?: Env };

/** How long a signed URL handed to a browser or API client lives. */
export const SIGNED_URL_SECONDS = 5 * 60;

/** What the checks learn about a file beyond its bytes: an image's size, a voice note's words. */
export type FileDetails = {
  width: number | null;
  height: number | null;
  transcript: string | null;
  transcriptLanguage: string | null;
  transcriptError: string | null;
};

// A voice note's transcript_error is shown to whoever sent it, so it is product language; what an
// operator needs (which key, what the provider said) is in the log and the admin dashboard.
export const NOT_TRANSCRIBED_HERE = 'Voice notes can’t be turned into text on this server yet.';
export const TRANSCRIPTION_FAILED = 'This voice note couldn’t be turned into text.';

/**
 * Checks and keeps a received file: images must have readable dimensions within the cap; voice
 * notes are transcribed (or kept with the reason they are not). The object is written first and
 * the row after it, in the user's scope; if the row cannot be written the object is deleted, so a
 * refusal or a failure leaves nothing behind.
 */
export async function saveUpload(user: UserScope, file: ReceivedFile, options: UploadOptions = {}): Promise<Upload> {
  const details = await inspectFile(file, options.env ?? process.env);
  return storeUpload(user, { ...file, ...details, source: 'upload' }, options.store ?? getBlobStore(), options.db);
}

/**
 * The checks a file's content takes after its type and size (checkFileBytes): an image's header
 * must give dimensions within MAX_IMAGE_SIDE a side, so a decompression bomb (a small file that
 * claims 20000 × 20000 pixels) is refused before anything decodes it; a voice note is
 * transcribed, and a transcription that fails is kept as the reason, not refused.
 */
export async function inspectFile(file: ReceivedFile, env: Env): Promise<FileDetails> {
  const details: FileDetails = {
    width: null,
    height: null,
    transcript: null,
    transcriptLanguage: null,
    transcriptError: null,
  };
  if (file.kind === 'image') {
    const size = imageDimensions(file.bytes, file.mediaType as ImageType);
    if (!size)
      throw new HearthError('bad_request', 'This image could not be read: its header is damaged or cut short.', {
        param: 'file',
      });
    if (size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE) {
      throw new HearthError(
        'bad_request',
        `Images can be at most ${MAX_IMAGE_SIDE} × ${MAX_IMAGE_SIDE} pixels; this one is ${size.width} × ${size.height}.`,
        { param: 'file' },
      );
    }
    return { ...details, width: size.width, height: size.height };
  }
  try {
    const result = await transcribeAudio(file.bytes, file.mediaType as AudioType, env);
    if (!result) return { ...details, transcriptError: NOT_TRANSCRIBED_HERE };
    const transcript = result.text.slice(0, 20_000);
    return {
      ...details,
      transcript,
      transcriptLanguage: result.language,
      transcriptError: transcript ? null : 'No speech was heard in this note.',
    };
  } catch (error) {
    console.warn(`[uploads] transcription failed: ${redactedMessage(error)}`);
    return { ...details, transcriptError: TRANSCRIPTION_FAILED };
  }
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

/** Where an upload's object lives: under its owner's id, named by the upload's id and type. */
export function objectPathFor(userId: string, id: string, mediaType: MediaType): string {
  return `${userId}/${id}.${EXTENSIONS[mediaType]}`;
}

/** Writes the object, then its row; a failed row write deletes the object again. */
export async function storeUpload(user: UserScope, file: Storable, store: BlobStore, db?: Database): Promise<Upload> {
  const id = crypto.randomUUID();
  const path = objectPathFor(user.id, id, file.mediaType);
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
    await store
      .delete([path])
      .catch((cleanup: unknown) => console.error('[uploads] could not delete an orphaned object:', cleanup));
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
