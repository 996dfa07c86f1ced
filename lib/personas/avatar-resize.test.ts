import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { parseCardFile } from '@/lib/cards/card';
import { solidPng } from '@/lib/cards/png';
import { AVATAR_SIDE, avatarAsPng, storedAvatar } from './avatar-resize';

const noise = (width: number, height: number) =>
  sharp(Buffer.from(Array.from({ length: width * height * 3 }, (_, i) => (i * 7919) % 251)), {
    raw: { width, height, channels: 3 },
  })
    .png()
    .toBuffer();

describe('stored avatars', () => {
  it('are WebP at most 512 px on the longer side, keeping the aspect ratio', async () => {
    const avatar = await storedAvatar(await noise(1200, 800));
    expect(avatar.contentType).toBe('image/webp');
    const meta = await sharp(avatar.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', AVATAR_SIDE, 341]);
    expect(avatar.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('never enlarge a small picture', async () => {
    const meta = await sharp((await storedAvatar(solidPng(64, '#336699'))).bytes).metadata();
    expect([meta.width, meta.height]).toEqual([64, 64]);
  });

  it('refuse damaged image data with a 400 on the avatar, not a 500', async () => {
    const png = Buffer.from(solidPng(64, '#336699'));
    const idat = png.indexOf('IDAT');
    png.fill(0, idat + 4, idat + 20); // the compressed pixels, not the header: the checks before decoding pass
    await expect(storedAvatar(png)).rejects.toMatchObject({ status: 400, param: 'avatar' });
  });

  it('come back as PNG for a PNG card export', async () => {
    const png = await avatarAsPng(await storedAvatar(solidPng(32, '#112233')));
    expect((await sharp(png).metadata()).format).toBe('png');
  });
});

const MELINA = path.resolve(process.cwd(), '../shared/fixtures/cards/v2_png_melina.png');

describe.skipIf(!existsSync(MELINA))("a real card's picture", () => {
  it("Melina's 470 kB card PNG is stored as a small WebP (review D23)", async () => {
    const image = parseCardFile(readFileSync(MELINA)).image!;
    expect(image.byteLength).toBeGreaterThan(400_000);
    const avatar = await storedAvatar(image);
    const meta = await sharp(avatar.bytes).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(AVATAR_SIDE);
    expect(avatar.bytes.byteLength).toBeLessThan(80_000);
  });
});
