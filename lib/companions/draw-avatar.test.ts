import { describe, expect, it } from 'vitest';
import { drawAvatar, portraitPrompt } from './draw-avatar';

describe('a drawn portrait', () => {
  it('asks for a portrait of the character from its name and lines', () => {
    expect(portraitPrompt({ name: 'Ada', tagline: 'Keeps the light', description: '' })).toBe(
      'A warm, friendly head-and-shoulders portrait of a character called Ada: Keeps the light. Centred face, soft plain background, illustration.',
    );
    expect(portraitPrompt({ name: 'Ada', tagline: '', description: 'x'.repeat(5000) })).toHaveLength(1000);
  });

  it('comes from the offline sketcher with nothing configured, as an image the avatar upload takes', async () => {
    const { bytes, mediaType } = await drawAvatar({ name: 'Ada', tagline: 'Keeps the light', description: '' }, {});
    expect(mediaType).toMatch(/^image\/(png|jpeg|webp)$/);
    expect(bytes.byteLength).toBeGreaterThan(100);
  });

  it('refuses a nameless or NUL-laden request with a 400 naming the field', async () => {
    await expect(drawAvatar({ name: '', tagline: '', description: '' }, {})).rejects.toMatchObject({
      status: 400,
      param: 'name',
    });
    await expect(drawAvatar({ name: 'Ada', tagline: 'a\u0000b', description: '' }, {})).rejects.toMatchObject({
      status: 400,
      param: 'tagline',
    });
  });
});
