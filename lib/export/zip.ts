import { crc32 } from 'node:zlib';

/** One file of a zip: its path inside the archive and its bytes (text is written as UTF-8). */
export type ZipEntry = { name: string; data: Uint8Array | string; modifiedAt?: Date };

// The classic zip format's limits; past them an archive needs Zip64, which this writer does not make.
const MAX_OFFSET = 0xffffffff;
const MAX_ENTRIES = 0xffff;
const UTF8_NAMES = 0x0800; // general purpose flag 11: names are UTF-8
const VERSION = 20; // 2.0: what a stored file with a directory path needs

/** MS-DOS time and date, as zip headers keep them (two-second steps, from 1980). */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.max(1980, date.getUTCFullYear());
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

type Written = { name: Uint8Array; crc: number; size: number; offset: number; time: number; date: number };

function localHeader(file: Written): Uint8Array {
  const header = new DataView(new ArrayBuffer(30));
  header.setUint32(0, 0x04034b50, true);
  header.setUint16(4, VERSION, true);
  header.setUint16(6, UTF8_NAMES, true);
  header.setUint16(8, 0, true); // stored, not compressed
  header.setUint16(10, file.time, true);
  header.setUint16(12, file.date, true);
  header.setUint32(14, file.crc, true);
  header.setUint32(18, file.size, true);
  header.setUint32(22, file.size, true);
  header.setUint16(26, file.name.length, true);
  header.setUint16(28, 0, true);
  return concat([new Uint8Array(header.buffer), file.name]);
}

function centralHeader(file: Written): Uint8Array {
  const header = new DataView(new ArrayBuffer(46));
  header.setUint32(0, 0x02014b50, true);
  header.setUint16(4, VERSION, true);
  header.setUint16(6, VERSION, true);
  header.setUint16(8, UTF8_NAMES, true);
  header.setUint16(10, 0, true);
  header.setUint16(12, file.time, true);
  header.setUint16(14, file.date, true);
  header.setUint32(16, file.crc, true);
  header.setUint32(20, file.size, true);
  header.setUint32(24, file.size, true);
  header.setUint16(28, file.name.length, true);
  // Extra field, comment, disk number, internal and external attributes: none.
  header.setUint32(42, file.offset, true);
  return concat([new Uint8Array(header.buffer), file.name]);
}

function endOfCentralDirectory(count: number, size: number, offset: number): Uint8Array {
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, count, true);
  end.setUint16(10, count, true);
  end.setUint32(12, size, true);
  end.setUint32(16, offset, true);
  return new Uint8Array(end.buffer);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * A zip archive of the entries, written as they come: each entry is asked for only when the
 * reader wants more, so one file at a time is in memory, never the whole archive. Files are
 * stored, not compressed (pictures and audio already are; it keeps the writer small), and each
 * one's size and CRC-32 go in its header, which every unzip tool reads.
 */
export function zipStream(entries: AsyncIterable<ZipEntry>): ReadableStream<Uint8Array> {
  const iterator = entries[Symbol.asyncIterator]();
  const written: Written[] = [];
  const encoder = new TextEncoder();
  let offset = 0;
  let finished = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (finished) return;
      const next = await iterator.next();
      if (next.done) {
        finished = true;
        const directory = concat(written.map(centralHeader));
        controller.enqueue(concat([directory, endOfCentralDirectory(written.length, directory.length, offset)]));
        controller.close();
        return;
      }
      const { name, data, modifiedAt = new Date() } = next.value;
      const bytes = typeof data === 'string' ? encoder.encode(data) : data;
      const file: Written = {
        name: encoder.encode(name),
        crc: crc32(bytes),
        size: bytes.length,
        offset,
        ...dosDateTime(modifiedAt),
      };
      const header = localHeader(file);
      if (offset + header.length + bytes.length > MAX_OFFSET || written.length >= MAX_ENTRIES) {
        throw new Error('The archive is too large for the zip format (4 GB or 65,535 files).');
      }
      written.push(file);
      offset += header.length + bytes.length;
      controller.enqueue(header);
      controller.enqueue(bytes);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
