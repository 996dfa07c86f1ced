import { describe, expect, it } from 'vitest';
import { HearthError } from '@/lib/errors';
import { wavFile } from '@/lib/testing/media';
import { MAX_IMAGE_BYTES } from './limits';
import { encodePng } from './png';
import { receiveUpload } from './receive';

const BOUNDARY = '----hearth-test-boundary';

function head(filename: string, type: string, field = 'file'): Buffer {
  return Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
}
const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

function multipart(parts: Buffer[], headers: Record<string, string> = {}): Request {
  return new Request('http://127.0.0.1/api/v1/uploads', {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
    body: Buffer.concat(parts),
  });
}

/** A body that streams a file of `total` bytes starting with `start`, counting what was read. */
function streamingBody(start: Uint8Array, total: number, chunk = 256 * 1024) {
  let sent = 0;
  let ended = false;
  const counter = { read: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0) {
        const first = Buffer.concat([head('big.png', 'image/png'), Buffer.from(start)]);
        sent += start.length;
        counter.read += first.length;
        return controller.enqueue(first);
      }
      if (sent >= total) {
        if (!ended) controller.enqueue(tail);
        ended = true;
        return controller.close();
      }
      const piece = new Uint8Array(Math.min(chunk, total - sent));
      sent += piece.length;
      counter.read += piece.length;
      controller.enqueue(piece);
    },
    cancel() {
      counter.cancelled = true;
    },
  });
  const request = new Request('http://127.0.0.1/api/v1/uploads', {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    body,
    duplex: 'half',
  } as RequestInit);
  return { request, counter };
}

async function refusal(promise: Promise<unknown>): Promise<HearthError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HearthError);
  return error as HearthError;
}

describe('receiving an upload', () => {
  it('takes a PNG and decides its type from the bytes, not the name or header', async () => {
    const png = encodePng(4, 4, () => [200, 100, 50, 255]);
    const file = await receiveUpload(multipart([head('holiday.txt', 'text/plain'), Buffer.from(png), tail]));
    expect(file.mediaType).toBe('image/png');
    expect(file.kind).toBe('image');
    expect(file.filename).toBe('holiday.txt');
    expect(Buffer.from(file.bytes).equals(Buffer.from(png))).toBe(true);
  });

  it('takes a WAV voice note', async () => {
    const wav = wavFile(0.5);
    const file = await receiveUpload(multipart([head('note.wav', 'audio/wav'), Buffer.from(wav), tail]));
    expect(file).toMatchObject({ mediaType: 'audio/wav', kind: 'audio' });
    expect(file.bytes.byteLength).toBe(wav.byteLength);
  });

  it('refuses an HTML page or an SVG named .png, saying why', async () => {
    const html = Buffer.from(
      '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>'.padEnd(200, ' '),
    );
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>',
    );
    for (const body of [html, svg]) {
      const error = await refusal(receiveUpload(multipart([head('cat.png', 'image/png'), body, tail])));
      expect(error.status).toBe(400);
      expect(error.param).toBe('file');
      expect(error.message).toMatch(/not a supported type.*content, not its name/);
    }
  });

  it('stops reading an image over 10 MB as it streams in, long before the body ends', async () => {
    const png = encodePng(4, 4, () => [0, 0, 0, 255]);
    const { request, counter } = streamingBody(png, 200 * 1024 * 1024);
    const error = await refusal(receiveUpload(request));
    expect(error.status).toBe(413);
    expect(error.message).toBe('Images can be at most 10 MB.');
    expect(counter.read).toBeLessThan(MAX_IMAGE_BYTES + 2 * 1024 * 1024);
    expect(counter.cancelled).toBe(true);
  });

  it('refuses a declared length over every cap before reading anything', async () => {
    const error = await refusal(
      receiveUpload(multipart([head('a.png', 'image/png'), tail], { 'content-length': String(100 * 1024 * 1024) })),
    );
    expect(error.status).toBe(413);
  });

  it('says what is missing: a non-multipart body, no file field, an empty file', async () => {
    const json = new Request('http://127.0.0.1/x', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect((await refusal(receiveUpload(json))).message).toMatch(/multipart\/form-data/);
    const other = Buffer.concat([
      head('a.png', 'image/png', 'picture'),
      Buffer.from(encodePng(1, 1, () => [0, 0, 0, 0])),
      tail,
    ]);
    expect((await refusal(receiveUpload(multipart([other])))).message).toMatch(/No file was sent/);
    expect((await refusal(receiveUpload(multipart([head('a.png', 'image/png'), tail])))).message).toBe(
      'The file is empty.',
    );
  });
});
