import type { ImageType } from './limits';

export type Dimensions = { width: number; height: number };

/** An image's size from its header, without decoding it; null when the header is not readable. */
export function imageDimensions(bytes: Uint8Array, mediaType: ImageType): Dimensions | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ok = (d: Dimensions) => (d.width > 0 && d.height > 0 ? d : null);
  try {
    switch (mediaType) {
      case 'image/png':
        // IHDR is the first chunk: width and height at 16 and 20, big-endian.
        return ok({ width: view.getUint32(16), height: view.getUint32(20) });
      case 'image/gif':
        return ok({ width: view.getUint16(6, true), height: view.getUint16(8, true) });
      case 'image/webp':
        return webp(bytes, view);
      case 'image/jpeg':
        return jpeg(bytes, view);
    }
  } catch {
    return null; // a header cut short
  }
}

function webp(bytes: Uint8Array, view: DataView): Dimensions | null {
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  if (chunk === 'VP8 ') return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    const u24 = (offset: number) => bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16);
    return { width: u24(24) + 1, height: u24(27) + 1 };
  }
  return null;
}

function jpeg(bytes: Uint8Array, view: DataView): Dimensions | null {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    // Start-of-frame markers (not DHT c4, JPG c8, DAC cc) carry height then width.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
    }
    offset += 2 + view.getUint16(offset + 2);
  }
  return null;
}
