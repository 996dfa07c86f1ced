import { crc32, deflateSync } from 'node:zlib';
import { wavOf } from '../voice/wav.ts';

/** Small real media files made in code, for tests. */

/** A mono 16-bit PCM WAV of a sine tone (amplitude 0 gives silence). */
export function wavFile(seconds: number, { sampleRate = 16_000, frequency = 440, amplitude = 8000 } = {}): Uint8Array {
  const pcm = Buffer.alloc(Math.round(seconds * sampleRate) * 2);
  for (let i = 0; i < pcm.length / 2; i++)
    pcm.writeInt16LE(Math.round(Math.sin((2 * Math.PI * frequency * i) / sampleRate) * amplitude), i * 2);
  const wav = wavOf(pcm, sampleRate);
  return new Uint8Array(wav.buffer, wav.byteOffset, wav.byteLength);
}

/**
 * A decompression bomb: a valid PNG of `side` × `side` black pixels (1-bit grey, so tens of KB on
 * disk for 20000 × 20000) that a decoder would expand to side² pixels, gigabytes as RGBA.
 */
export function pngBomb(side: number): Uint8Array {
  const rowBytes = 1 + Math.ceil(side / 8); // a filter byte, then 8 pixels a byte
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // 1-bit, greyscale, deflate, adaptive filtering, no interlace
  const idat = deflateSync(Buffer.alloc(rowBytes * side), { level: 9 });
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const framing = Buffer.alloc(8);
    framing.writeUInt32BE(data.length, 0);
    framing.writeUInt32BE(crc32(body), 4);
    return Buffer.concat([framing.subarray(0, 4), body, framing.subarray(4)]);
  };
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
