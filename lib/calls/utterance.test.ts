import { describe, expect, it } from 'vitest';
import { HearthError } from '@/lib/errors';
import { wavFile } from '@/lib/testing/media';
import { encodePng } from '@/lib/uploads/png';
import { FUNCTION_BODY_LIMIT_BYTES, MAX_FRAME_BYTES, MAX_TURN_BYTES, receiveTurn } from './utterance';

/** A turn's multipart body, as the call screen (or an API client) sends it. */
async function turn(fields: Record<string, Uint8Array | string>): Promise<{ request: Request; size: number }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, new Blob([Buffer.from(value)]), name);
  }
  const encoded = new Request('http://hearth.test/api/v1/calls/x/turns', { method: 'POST', body: form });
  const body = new Uint8Array(await encoded.arrayBuffer());
  const request = new Request(encoded.url, {
    method: 'POST',
    headers: { 'content-type': encoded.headers.get('content-type')!, 'content-length': String(body.length) },
    body,
  });
  return { request, size: body.length };
}

/** A readable PNG padded to `bytes`: a camera frame of exactly that size. */
function frameOf(bytes: number): Uint8Array {
  const png = encodePng(8, 6, (x) => [x * 30, 80, 120, 255]);
  return new Uint8Array(Buffer.concat([Buffer.from(png), Buffer.alloc(bytes - png.length)]));
}

describe("a call turn's body, which goes through the app's function", () => {
  it('fits in one serverless request (4.5 MB) at the largest the server accepts: 60 s of audio and a full-size frame', async () => {
    expect(MAX_TURN_BYTES).toBeLessThan(FUNCTION_BODY_LIMIT_BYTES);
    // 60 s of 26 kHz mono 16-bit WAV: just under the 3 MB audio cap (the call screen sends 16 kHz, 1.9 MB).
    const audio = wavFile(60, { sampleRate: 26_000 });
    const { request, size } = await turn({ audio, image: frameOf(MAX_FRAME_BYTES), speech_ms: '60000' });
    expect(size).toBeLessThan(FUNCTION_BODY_LIMIT_BYTES);
    const input = await receiveTurn(request);
    expect(input).toMatchObject({ kind: 'voice', frame: { mediaType: 'image/png' } });
  });

  it('refuses a camera frame over 1 MB, which would push a turn past the limit', async () => {
    const { request } = await turn({ text: 'Can you see this?', image: frameOf(MAX_FRAME_BYTES + 1) });
    const error = await receiveTurn(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HearthError);
    expect(error).toMatchObject({
      code: 'payload_too_large',
      param: 'image',
      message: 'A camera frame can be at most 1 MB.',
    });
  });

  it('refuses a body over the cap by its declared length, before reading it', async () => {
    const request = new Request('http://hearth.test/api/v1/calls/x/turns', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(MAX_TURN_BYTES + 1) },
      body: 'never read',
    });
    await expect(receiveTurn(request)).rejects.toMatchObject({ code: 'payload_too_large' });
  });
});
