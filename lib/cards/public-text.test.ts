import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCardFile } from './card';
import { publicTexts } from './public-text';

const card = (fields: Partial<Parameters<typeof publicTexts>[0]>) =>
  publicTexts({ name: 'Wren', creatorNotes: '', description: '', personality: '', scenario: '', ...fields });

describe('public texts of an imported card', () => {
  it('takes the creator notes when they hold prose', () => {
    expect(card({ creatorNotes: 'A sky captain. Tells stories.\r\n\r\nBest at dusk.', description: 'x y z.' })).toEqual(
      {
        tagline: 'A sky captain.',
        description: 'A sky captain. Tells stories.\n\nBest at dusk.',
      },
    );
  });

  it('never shows W++ or bracketed definitions, and skips placeholder notes', () => {
    const wpp = '[character("Wren")\n{\nGender("Female")\nPersonality("dry" + "patient")\n}]';
    expect(card({ creatorNotes: "Creator's notes go here.", description: wpp })).toEqual({
      tagline: '',
      description: '',
    });
    expect(
      card({ description: wpp, personality: 'Wren = [dry, patient]', scenario: 'A harbour café at dusk.' }),
    ).toEqual({ tagline: 'A harbour café at dusk.', description: '' });
  });

  it('fills in {{char}} with the name and refuses sentences that speak of {{user}}', () => {
    expect(card({ description: '{{user}} meets {{char}}. {{ Char }} is a captain of the sky.' })).toEqual({
      tagline: 'Wren is a captain of the sky.',
      description: '',
    });
    expect(card({ creatorNotes: 'Say hi to {{user}}.' }).tagline).toBe('');
  });

  it('skips stage directions and links, and clips a long first sentence at a word', () => {
    expect(card({ description: '*waves* Hello.\n\nVisit https://example.com now.' }).tagline).toBe('');
    const long = `${'word '.repeat(60)}end.`;
    const { tagline } = card({ description: long });
    expect(tagline.length).toBeLessThanOrEqual(160);
    expect(tagline).toMatch(/word…$/);
  });
});

// Real-world cards, used where they are (their licences do not let us copy them into the repo).
const FIXTURES = process.env.CARD_FIXTURES_DIR ?? path.resolve(process.cwd(), '../shared/fixtures/cards');
const fixtures = existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((f) => /\.(png|json)$/.test(f)) : [];
const MELINA = path.join(FIXTURES, 'v2_png_melina.png');

describe.skipIf(fixtures.length === 0)(`public texts of the real-world cards in ${FIXTURES}`, () => {
  it.each(fixtures)('%s: no definition text, macro or tag reaches the public fields', (file) => {
    const { fields } = parseCardFile(readFileSync(path.join(FIXTURES, file)));
    for (const text of [fields.tagline, fields.description]) {
      expect(text).not.toMatch(/\{\{|\}\}|\[|\]|\("|<START>/i);
    }
    expect(fields.specialties).toEqual([]);
    expect(fields.instructions.length).toBeGreaterThan(0);
  });

  it.skipIf(!existsSync(MELINA))("Melina: the W++ definition is private, the tagline is the author's note", () => {
    const { fields } = parseCardFile(readFileSync(MELINA));
    expect(fields.instructions).toMatch(/^\[character\("Melina"\)/);
    expect(fields).toMatchObject({ tagline: 'Melina from Elden Ring', description: '', specialties: [] });
    expect(fields.cardExtra.tags).toEqual(['Human', 'Female', 'Video Game', 'Adventure']);
  });
});
