import type { MediaType } from './limits';

/** Bytes the type is decided from: enough for every signature below. */
export const SNIFF_BYTES = 64;

const ascii = (bytes: Uint8Array, offset: number, text: string) =>
  bytes.length >= offset + text.length && [...text].every((c, i) => bytes[offset + i] === c.charCodeAt(0));

// No Buffer: the composer sniffs a file in the browser before announcing it.
const includesAscii = (bytes: Uint8Array, text: string) => bytes.some((_, offset) => ascii(bytes, offset, text));

/**
 * The media type from the file's first bytes (its magic number), never from its name or the
 * client's header: an HTML or SVG file named .png is not an image. Null for anything else.
 */
export function sniffMediaType(bytes: Uint8Array): MediaType | null {
  const b = bytes;
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 'PNG\r\n\x1a\n')) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) return 'image/gif';
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return 'image/webp';
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE')) return 'audio/wav';
  if (ascii(b, 0, 'OggS')) return 'audio/ogg';
  // EBML (Matroska/WebM): the DocType "webm" is within the header's first bytes.
  if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) {
    return includesAscii(b.subarray(0, SNIFF_BYTES), 'webm') ? 'audio/webm' : null;
  }
  if (ascii(b, 0, 'ID3')) return 'audio/mpeg';
  // An MPEG audio frame header: 11 sync bits, then MPEG version (not reserved) and layer III.
  if (b.length >= 2 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0 && (b[1]! & 0x18) !== 0x08 && (b[1]! & 0x06) === 0x02)
    return 'audio/mpeg';
  // ISO base media (MP4): "ftyp" and an audio brand.
  if (ascii(b, 4, 'ftyp') && ['M4A ', 'M4B ', 'mp42', 'isom', 'mp41', 'dash'].some((brand) => ascii(b, 8, brand)))
    return 'audio/mp4';
  return null;
}
