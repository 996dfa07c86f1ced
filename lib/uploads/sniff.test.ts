import { describe, expect, it } from 'vitest';
import { imageDimensions } from './dimensions';
import { encodePng } from './png';
import { sniffMediaType } from './sniff';
import { wavFile } from '@/lib/testing/media';

const bytes = (...values: (number | string)[]) =>
  new Uint8Array(values.flatMap((v) => (typeof v === 'string' ? [...v].map((c) => c.charCodeAt(0)) : [v])));
const padded = (head: Uint8Array) => {
  const out = new Uint8Array(64);
  out.set(head);
  return out;
};

describe('media type from magic bytes', () => {
  it('recognises each supported image and audio type by its content', () => {
    expect(sniffMediaType(encodePng(2, 2, () => [0, 0, 0, 255]))).toBe('image/png');
    expect(sniffMediaType(padded(bytes(0xff, 0xd8, 0xff, 0xe0)))).toBe('image/jpeg');
    expect(sniffMediaType(padded(bytes('GIF89a')))).toBe('image/gif');
    expect(sniffMediaType(padded(bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 ')))).toBe('image/webp');
    expect(sniffMediaType(wavFile(0.1))).toBe('audio/wav');
    expect(sniffMediaType(padded(bytes('OggS', 0)))).toBe('audio/ogg');
    expect(
      sniffMediaType(padded(bytes(0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, 'webm'))),
    ).toBe('audio/webm');
    expect(sniffMediaType(padded(bytes('ID3', 4, 0)))).toBe('audio/mpeg');
    expect(sniffMediaType(padded(bytes(0xff, 0xfb, 0x90, 0x64)))).toBe('audio/mpeg');
    expect(sniffMediaType(padded(bytes(0, 0, 0, 0x20, 'ftypM4A ')))).toBe('audio/mp4');
  });

  it('refuses HTML, SVG, text and other formats whatever they are called', () => {
    expect(sniffMediaType(padded(bytes('<!doctype html><html><script>alert(1)</script>')))).toBeNull();
    expect(sniffMediaType(padded(bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">')))).toBeNull();
    expect(sniffMediaType(padded(bytes('%PDF-1.7')))).toBeNull();
    expect(sniffMediaType(padded(bytes(0x1a, 0x45, 0xdf, 0xa3, 'matroska')))).toBeNull(); // Matroska video, not WebM
    expect(sniffMediaType(padded(bytes('RIFF', 0, 0, 0, 0, 'AVI ')))).toBeNull();
    expect(sniffMediaType(new Uint8Array())).toBeNull();
  });
});

describe('image dimensions from the header', () => {
  it('reads PNG, GIF, WebP and JPEG sizes without decoding', () => {
    expect(
      imageDimensions(
        encodePng(7, 3, () => [0, 0, 0, 255]),
        'image/png',
      ),
    ).toEqual({ width: 7, height: 3 });
    expect(imageDimensions(padded(bytes('GIF89a', 0x40, 0x01, 0xf0, 0x00)), 'image/gif')).toEqual({
      width: 320,
      height: 240,
    });
    const vp8x = padded(
      bytes('RIFF', 0, 0, 0, 0, 'WEBP', 'VP8X', 10, 0, 0, 0, 0, 0, 0, 0, 0x7f, 0x02, 0x00, 0xdf, 0x01, 0x00),
    );
    expect(imageDimensions(vp8x, 'image/webp')).toEqual({ width: 640, height: 480 });
    // SOI, an APP0 segment of 16 bytes, then SOF0: precision, height 600, width 800.
    const jpeg = padded(
      bytes(
        0xff,
        0xd8,
        0xff,
        0xe0,
        0,
        16,
        'JFIF',
        0,
        1,
        1,
        0,
        0,
        1,
        0,
        1,
        0,
        0,
        0xff,
        0xc0,
        0,
        17,
        8,
        0x02,
        0x58,
        0x03,
        0x20,
        3,
      ),
    );
    expect(imageDimensions(jpeg, 'image/jpeg')).toEqual({ width: 800, height: 600 });
  });

  it('says null for a header cut short', () => {
    expect(imageDimensions(bytes(0x89, 'PNG'), 'image/png')).toBeNull();
    expect(imageDimensions(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16), 'image/jpeg')).toBeNull();
  });
});
