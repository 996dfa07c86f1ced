import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipStream, type ZipEntry } from './zip';

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function* from(entries: ZipEntry[]): AsyncGenerator<ZipEntry> {
  yield* entries;
}

describe('the zip writer', () => {
  it('writes an archive another implementation reads back, names, text and bytes intact (CRCs checked)', async () => {
    const binary = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
    const zip = await bytesOf(
      zipStream(
        from([
          { name: 'README.txt', data: 'hello\n' },
          { name: 'conversations/zürich-☕.md', data: '# Zürich ☕\n' },
          { name: 'uploads/picture.png', data: binary },
          { name: 'empty.json', data: '' },
        ]),
      ),
    );
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual([
      'README.txt',
      'conversations/zürich-☕.md',
      'uploads/picture.png',
      'empty.json',
    ]);
    expect(strFromU8(files['README.txt']!)).toBe('hello\n');
    expect(strFromU8(files['conversations/zürich-☕.md']!)).toBe('# Zürich ☕\n');
    expect(files['uploads/picture.png']).toEqual(binary);
    expect(files['empty.json']!.length).toBe(0);
  });

  it('makes a valid empty archive', async () => {
    const zip = await bytesOf(zipStream(from([])));
    expect(zip.length).toBe(22);
    expect(unzipSync(zip)).toEqual({});
  });

  it('asks for an entry only when the reader wants more', async () => {
    let made = 0;
    async function* counted(): AsyncGenerator<ZipEntry> {
      for (let i = 0; i < 5; i += 1) {
        made += 1;
        yield { name: `f${i}.txt`, data: 'x'.repeat(1000) };
      }
    }
    const reader = zipStream(counted()).getReader();
    await reader.read();
    expect(made).toBeLessThanOrEqual(2);
    await reader.cancel();
    expect(made).toBeLessThan(5);
  });

  it('stamps each file with its time', async () => {
    const zip = await bytesOf(
      zipStream(from([{ name: 'a.txt', data: 'a', modifiedAt: new Date('2026-12-06T10:20:30Z') }])),
    );
    const header = new DataView(zip.buffer);
    const time = header.getUint16(10, true);
    const date = header.getUint16(12, true);
    expect([time >> 11, (time >> 5) & 63, (time & 31) * 2]).toEqual([10, 20, 30]);
    expect([(date >> 9) + 1980, (date >> 5) & 15, date & 31]).toEqual([2026, 12, 6]);
  });
});
