import { createHash } from 'node:crypto';
import { HearthError } from '@/lib/errors';
import type { StoredAvatar } from '@/lib/personas/queries';
import { checkAvatar } from './avatar';

/** The largest side of a stored avatar: the companion page's portrait at 2× is the biggest use. */
export const AVATAR_SIDE = 512;

/**
 * An uploaded avatar or a card's picture, checked (./avatar.ts) and stored as a WebP at most 512 px on
 * its longer side: a card PNG is often 400-600 kB, shown at 36-240 px (review D23). sharp is loaded on
 * first use only; it is the image library Next itself uses.
 */
export async function storedAvatar(bytes: Uint8Array): Promise<StoredAvatar> {
  checkAvatar(bytes);
  const { default: sharp } = await import('sharp');
  let webp: Buffer;
  try {
    webp = await sharp(bytes)
      .rotate() // a JPEG's EXIF orientation, applied before the metadata is dropped
      .resize(AVATAR_SIDE, AVATAR_SIDE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    throw new HearthError('bad_request', 'The avatar could not be read: its image data is damaged.', {
      param: 'avatar',
    });
  }
  return { contentType: 'image/webp', bytes: webp, sha256: createHash('sha256').update(webp).digest('hex') };
}

/** A stored avatar as PNG, for a PNG card export (the card travels inside the portrait). */
export async function avatarAsPng(avatar: StoredAvatar): Promise<Uint8Array> {
  if (avatar.contentType === 'image/png') return avatar.bytes;
  const { default: sharp } = await import('sharp');
  return sharp(avatar.bytes).png().toBuffer();
}
