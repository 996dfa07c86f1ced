import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_API_BODY_BYTES } from './limits';
import { fieldProblems, MAX_BODY_JSON_DEPTH, parseWith, readJson } from './parse';

const chunked = (text: string) =>
  new Request('http://localhost/', {
    method: 'POST',
    body: new ReadableStream({
      start(controller) {
        for (let i = 0; i < text.length; i += 1000)
          controller.enqueue(new TextEncoder().encode(text.slice(i, i + 1000)));
        controller.close();
      },
    }),
    duplex: 'half',
  } as RequestInit);

describe('readJson with a size cap', () => {
  it('reads a body under the cap', async () => {
    expect(await readJson(chunked('{"a":1}'), { maxBytes: 100 })).toEqual({ a: 1 });
  });

  it('refuses a larger body as 413, by its Content-Length or as it streams in', async () => {
    const declared = new Request('http://localhost/', { method: 'POST', body: JSON.stringify({ a: 'x'.repeat(200) }) });
    await expect(readJson(declared, { maxBytes: 100 })).rejects.toMatchObject({ code: 'payload_too_large' });
    await expect(readJson(chunked(JSON.stringify({ a: 'x'.repeat(5000) })), { maxBytes: 100 })).rejects.toMatchObject({
      code: 'payload_too_large',
    });
  });

  it('caps every body at MAX_API_BODY_BYTES unless told otherwise', async () => {
    const padded = (bytes: number) => chunked(JSON.stringify({ a: 'x'.repeat(bytes - 8) }));
    expect(await readJson(padded(MAX_API_BODY_BYTES))).toEqual({ a: expect.any(String) });
    await expect(readJson(padded(MAX_API_BODY_BYTES + 1))).rejects.toMatchObject({ code: 'payload_too_large' });
  });

  it('calls a body that breaks off a 400, not an internal error', async () => {
    const broken = new Request('http://localhost/', {
      method: 'POST',
      body: new ReadableStream({ pull: (controller) => controller.error(new Error('connection reset')) }),
      duplex: 'half',
    } as RequestInit);
    await expect(readJson(broken)).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('still calls malformed JSON a 400', async () => {
    await expect(readJson(chunked('{"a":'), { maxBytes: 100 })).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('refuses JSON nested deeper than MAX_BODY_JSON_DEPTH with a 400, however deep (1 MB of brackets)', async () => {
    const nested = (depth: number, leaf = '1') => '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
    expect(await readJson(chunked(nested(MAX_BODY_JSON_DEPTH)))).toBeTruthy();
    await expect(readJson(chunked(nested(MAX_BODY_JSON_DEPTH + 1)))).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('nests deeper'),
    });
    const brackets = MAX_API_BODY_BYTES / 2;
    await expect(readJson(chunked('['.repeat(brackets) + ']'.repeat(brackets)))).rejects.toMatchObject({
      code: 'bad_request',
    });
  });
});

describe('parseWith', () => {
  it('names an unknown field of a strict object as the param', () => {
    expect(() => parseWith(z.strictObject({ content: z.string() }), { content: 'hi', stram: true })).toThrow(
      expect.objectContaining({ code: 'bad_request', param: 'stram' }),
    );
  });
});

describe('fieldProblems', () => {
  const form = z.object({ email: z.email('Enter an email.'), password: z.string().min(8, 'Too short.') });

  it('names every wrong field with its first problem, for a form to show them at once', () => {
    expect(fieldProblems(form, { email: 'nope', password: 'abc' })).toEqual({
      email: 'Enter an email.',
      password: 'Too short.',
    });
  });

  it('is empty when the input parses', () => {
    expect(fieldProblems(form, { email: 'ada@example.com', password: 'long enough' })).toEqual({});
  });
});
