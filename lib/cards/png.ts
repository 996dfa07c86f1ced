import { crc32, deflateSync } from 'node:zlib';
import { HearthError } from '@/lib/errors';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type PngChunk = { type: string; data: Buffer };

export function isPng(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 8 && Buffer.from(bytes.subarray(0, 8)).equals(SIGNATURE);
}

/** The chunks of a PNG file, checked (lengths, CRCs, IHDR first, IEND last); a clear 400 otherwise. */
export function readChunks(bytes: Uint8Array): PngChunk[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isPng(buf)) throw new HearthError('bad_request', 'This file is not a PNG image.', { param: 'file' });
  const chunks: PngChunk[] = [];
  let at = 8;
  while (at < buf.length) {
    if (at + 12 > buf.length)
      throw new HearthError('bad_request', 'The PNG is truncated: a chunk header is cut off.', { param: 'file' });
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > buf.length)
      throw new HearthError('bad_request', `The PNG is truncated inside its ${type} chunk.`, { param: 'file' });
    const data = buf.subarray(at + 8, at + 8 + length);
    if (crc32(buf.subarray(at + 4, at + 8 + length)) !== buf.readUInt32BE(at + 8 + length)) {
      throw new HearthError('bad_request', `The PNG is damaged: the ${type} chunk fails its checksum.`, {
        param: 'file',
      });
    }
    chunks.push({ type, data });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  if (chunks[0]?.type !== 'IHDR' || chunks.at(-1)?.type !== 'IEND') {
    throw new HearthError('bad_request', 'The PNG is incomplete: it must start with IHDR and end with IEND.', {
      param: 'file',
    });
  }
  return chunks;
}

/** tEXt chunks as keyword -> text (latin1, as the PNG spec says; card payloads are base64 anyway). */
export function textChunks(chunks: PngChunk[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const chunk of chunks) {
    if (chunk.type !== 'tEXt') continue;
    const nul = chunk.data.indexOf(0);
    if (nul <= 0) continue;
    const keyword = chunk.data.toString('latin1', 0, nul);
    if (!out.has(keyword)) out.set(keyword, chunk.data.toString('latin1', nul + 1));
  }
  return out;
}

function encodeChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

export function writeChunks(chunks: PngChunk[]): Buffer {
  return Buffer.concat([SIGNATURE, ...chunks.map((c) => encodeChunk(c.type, c.data))]);
}

/** The PNG with the given tEXt chunks (replacing any of the same keywords), placed before IEND. */
export function withTextChunks(png: Uint8Array, texts: Record<string, string>): Buffer {
  const keep = readChunks(png).filter((c) => !(c.type === 'tEXt' && textKeyword(c) in texts));
  const added = Object.entries(texts).map(([keyword, text]) => ({
    type: 'tEXt',
    data: Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')]),
  }));
  return writeChunks([...keep.slice(0, -1), ...added, keep.at(-1)!]);
}

/** The PNG without the given tEXt keywords (an imported card's avatar need not carry its card twice). */
export function withoutTextChunks(png: Uint8Array, keywords: string[]): Buffer {
  return writeChunks(readChunks(png).filter((c) => !(c.type === 'tEXt' && keywords.includes(textKeyword(c)))));
}

function textKeyword(chunk: PngChunk): string {
  const nul = chunk.data.indexOf(0);
  return nul <= 0 ? '' : chunk.data.toString('latin1', 0, nul);
}

/** A plain square PNG in one colour, for exporting a persona whose portrait is not a PNG. */
export function solidPng(size: number, hex: string): Buffer {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.alloc(1 + size * 3);
  for (let x = 0; x < size; x++) row.set([r!, g!, b!], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  return writeChunks([
    { type: 'IHDR', data: ihdr },
    { type: 'IDAT', data: deflateSync(raw) },
    { type: 'IEND', data: Buffer.alloc(0) },
  ]);
}
