import { HearthError } from '@/lib/errors';
import {
  kindOf,
  maxBytesFor,
  sizeCapMessage,
  UNSUPPORTED_TYPE_MESSAGE,
  type MediaKind,
  type MediaType,
} from './limits';
import { sniffMediaType } from './sniff';

/** A file whose bytes passed the checks every upload takes, however it arrived. */
export type ReceivedFile = { bytes: Uint8Array; mediaType: MediaType; kind: MediaKind; filename: string | null };

export function unsupportedType(): HearthError {
  return new HearthError('bad_request', UNSUPPORTED_TYPE_MESSAGE, { param: 'file' });
}

export function tooLarge(kind: MediaKind): HearthError {
  return new HearthError('payload_too_large', sizeCapMessage(kind), { param: 'file' });
}

export function emptyFile(): HearthError {
  return new HearthError('bad_request', 'The file is empty.', { param: 'file' });
}

/**
 * The checks on a whole file's bytes: not empty, a supported type by its magic bytes (never its
 * name or a header), within that type's size cap. The multipart route makes them as the body
 * streams in; the confirmation of a direct upload makes them on the stored object.
 */
export function checkFileBytes(bytes: Uint8Array, filename: string | null): ReceivedFile {
  if (bytes.byteLength === 0) throw emptyFile();
  const mediaType = sniffMediaType(bytes);
  if (!mediaType) throw unsupportedType();
  const kind = kindOf(mediaType);
  if (bytes.byteLength > maxBytesFor(kind)) throw tooLarge(kind);
  return { bytes, mediaType, kind, filename: cleanFilename(filename) };
}

/** A file name fit to keep and show: no path separators or control characters, at most 255 characters. */
export function cleanFilename(name: string | null | undefined): string | null {
  const cleaned = (name ?? '')
    .replace(/[\\/\u0000-\u001f]/g, '')
    .trim()
    .slice(0, 255);
  return cleaned || null;
}
