import { createHash } from 'node:crypto';
import { HearthError } from '@/lib/errors';
import type { StoredAvatar } from '@/lib/personas/queries';
import { imageDimensions } from '@/lib/uploads/dimensions';
import { MAX_IMAGE_SIDE } from '@/lib/uploads/limits';

export const MAX_AVATAR_BYTES = 2 * 1024 * 1024;

/** The image type from the file's first bytes (never its name or the browser's claim), or null. */
export function sniffImageType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | 'image/webp' | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

/**
 * An uploaded avatar (or a card's picture) checked by content, size and dimensions; a clear
 * 400/413 otherwise. The dimensions come from the header, before anything decodes the image: a
 * small PNG can claim 20000 × 20000 pixels and take gigabytes to draw (a decompression bomb), so
 * the uploads' cap applies.
 */
export function checkAvatar(bytes: Uint8Array): StoredAvatar {
  if (bytes.byteLength === 0) throw new HearthError('bad_request', 'The avatar file is empty.', { param: 'avatar' });
  if (bytes.byteLength > MAX_AVATAR_BYTES) {
    throw new HearthError('payload_too_large', 'Avatars can be at most 2 MB.', { param: 'avatar' });
  }
  const contentType = sniffImageType(bytes);
  if (!contentType) {
    throw new HearthError('bad_request', 'The avatar must be a PNG, JPEG or WebP image (this file is none of them).', {
      param: 'avatar',
    });
  }
  const size = imageDimensions(bytes, contentType);
  if (!size)
    throw new HearthError('bad_request', 'The avatar could not be read: its header is damaged or cut short.', {
      param: 'avatar',
    });
  if (size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE) {
    throw new HearthError(
      'bad_request',
      `Avatars can be at most ${MAX_IMAGE_SIDE} × ${MAX_IMAGE_SIDE} pixels; this one is ${size.width} × ${size.height}.`,
      { param: 'avatar' },
    );
  }
  return { contentType, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Where the app serves a stored avatar; the hash busts caches when it changes. */
export function avatarUrl(companionId: string, sha256: string): string {
  return `/api/avatars/${companionId}?v=${sha256.slice(0, 12)}`;
}
