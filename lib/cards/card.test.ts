import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isHearthError } from '@/lib/errors';
import { parseCardFile, parseCardJson, personaToCard, personaToPng } from './card';
import { readChunks, solidPng, textChunks, withTextChunks } from './png';

// Cards made for this test (the shared real-world fixtures are not ours to copy; see below).
const dataV2 = {
  name: 'Captain Wren',
  description: 'A retired sky-ship captain.\r\nLoves maps — and tea.',
  personality: 'Dry humour, endless patience.',
  scenario: 'A harbour café at dusk.',
  first_mes: 'Pull up a chair, {{user}}.',
  mes_example: '<START>\n{{user}}: Any stories?\n{{char}}: Dozens.',
  creator_notes: 'Made for Hearth tests.',
  system_prompt: 'You are Captain Wren.',
  post_history_instructions: 'Stay in character.',
  alternate_greetings: ['Evening!', 'Back again?'],
  tags: ['adventure', 'storytelling'],
  creator: 'hearth',
  character_version: '1.2',
  character_book: {
    name: 'Sky lore',
    entries: [{ keys: ['airship'], content: 'Airships float.', enabled: true, insertion_order: 0 }],
  },
  extensions: {
    depth_prompt: { prompt: 'x', depth: 4, role: 'system' },
    talkativeness: '0.5',
    some_tool: { nested: [1, 2, { a: null }] },
  },
};
const cardV2 = { spec: 'chara_card_v2', spec_version: '2.0', data: dataV2 };
const cardV3 = {
  spec: 'chara_card_v3',
  spec_version: '3.0',
  data: {
    ...dataV2,
    nickname: 'Cap',
    group_only_greetings: ['Hello, all.'],
    assets: [{ type: 'icon', uri: 'ccdefault:', name: 'main', ext: 'png' }],
    creation_date: 1700000000,
  },
};

/** A card's extensions without the one Hearth adds on export. */
function withoutHearth(extensions: unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(extensions as Record<string, unknown>).filter(([key]) => key !== 'hearth'));
}

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

function expectError(fn: () => unknown, message: RegExp, param?: string) {
  try {
    fn();
  } catch (error) {
    expect(isHearthError(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
    if (param) expect((error as { param?: string }).param).toBe(param);
    return;
  }
  throw new Error('expected an error');
}

describe('character cards', () => {
  it('imports a V2 card: the definition becomes private instructions, the tags private card metadata', () => {
    const imported = parseCardFile(bytes(cardV2));
    expect(imported.spec).toBe('v2');
    expect(imported.fields).toMatchObject({
      name: 'Captain Wren',
      greeting: dataV2.first_mes,
      instructions: `${dataV2.system_prompt}\n\n${dataV2.description}`,
      tagline: 'Made for Hearth tests.',
      description: '',
      specialties: [],
      visibility: 'draft',
      slug: 'captain-wren',
    });
    expect(imported.fields.cardExtra.tags).toEqual(dataV2.tags);
  });

  it('exports the instructions as the card description, and round-trips a card without a system prompt', () => {
    const card = { ...cardV2, data: { ...dataV2, system_prompt: '' } };
    const imported = parseCardFile(bytes(card));
    const exported = personaToCard(imported.fields, 'v2');
    const { hearth, ...extensions } = exported.data.extensions as Record<string, unknown>;
    expect({ ...exported, data: { ...exported.data, extensions } }).toEqual(card);
    expect(hearth).toMatchObject({ slug: 'captain-wren', languages: ['en-US'], specialties: [] });
    const joined = personaToCard(parseCardFile(bytes(cardV2)).fields, 'v2').data;
    expect(joined).toMatchObject({
      system_prompt: '',
      description: `${dataV2.system_prompt}\n\n${dataV2.description}`,
    });
  });

  it("drops {{original}} from a card's system prompt", () => {
    const card = { ...cardV2, data: { ...dataV2, system_prompt: '{{original}}\nNo violence.' } };
    expect(parseCardFile(bytes(card)).fields.instructions).toBe(`No violence.\n\n${dataV2.description}`);
  });

  it('round-trips a V3 card through JSON with its V3-only fields', () => {
    const card = { ...cardV3, data: { ...cardV3.data, system_prompt: '' } };
    const imported = parseCardFile(bytes(card));
    expect(imported.spec).toBe('v3');
    const exported = personaToCard(imported.fields, 'v3');
    expect({ ...exported, data: { ...exported.data, extensions: withoutHearth(exported.data.extensions) } }).toEqual(
      card,
    );
  });

  it('round-trips V2 and V3 through PNG: chunks chara (V2) and ccv3 (V3, with a chara fallback)', () => {
    for (const [card, spec] of [
      [cardV2, 'v2'],
      [cardV3, 'v3'],
    ] as const) {
      const fields = parseCardFile(bytes(card)).fields;
      const png = personaToPng(fields, spec, solidPng(8, '#112233'));
      const texts = textChunks(readChunks(png));
      expect(texts.has('chara')).toBe(true);
      expect(texts.has('ccv3')).toBe(spec === 'v3');
      const again = parseCardFile(png);
      expect(again.spec).toBe(spec);
      expect(again.fields).toEqual(fields);
      // The stored portrait is the image without the card in it.
      expect(textChunks(readChunks(again.image!)).size).toBe(0);
    }
  });

  it('keeps Hearth settings across a round trip (languages, models, temperature, NSFW, voices)', () => {
    const fields = {
      ...parseCardFile(bytes(cardV2)).fields,
      languages: ['fr-FR' as const, 'it-IT' as const],
      defaultModel: 'groq/llama-3.1-8b-instant',
      temperature: 1.1,
      nsfw: true,
      tagline: 'Stories from the sky',
      description: 'A captain with stories.',
      specialties: ['Stories', 'Travel'],
      voice: 'calm',
      voices: { 'fr-FR': 'Zephyr', 'it-IT': 'bright' },
    };
    expect(parseCardJson(personaToCard(fields, 'v3')).fields).toEqual(fields);
  });

  it('reads V1 flat cards, and decides the version by spec even in the wrong chunk', () => {
    const v1 = parseCardJson({
      name: 'Old',
      description: 'd',
      personality: 'p',
      scenario: 's',
      first_mes: 'hi',
      mes_example: '',
    });
    expect(v1.spec).toBe('v1');
    expect(v1.fields.greeting).toBe('hi');
    const png = withTextChunks(solidPng(4, '#000000'), { chara: base64(cardV3) });
    expect(parseCardFile(png).spec).toBe('v3');
  });

  it('prefers ccv3 over chara when a PNG has both', () => {
    const png = withTextChunks(solidPng(4, '#000000'), {
      chara: base64({ ...cardV2, data: { ...dataV2, name: 'From chara' } }),
      ccv3: base64(cardV3),
    });
    expect(parseCardFile(png).fields.name).toBe('Captain Wren');
  });

  it('refuses malformed cards with an error naming what is wrong', () => {
    // One sentence in product words, without the file name (the import button shows it; review D21).
    expectError(
      () => parseCardFile(new TextEncoder().encode('{nope')),
      /^This file is not a character card: choose a card saved as PNG or JSON\.$/,
      'file',
    );
    expectError(
      () => parseCardFile(bytes({ spec: 'chara_card_v9', data: {} })),
      /Unknown card spec "chara_card_v9"/,
      'spec',
    );
    expectError(() => parseCardFile(bytes({ spec: 'chara_card_v2', spec_version: '2.0' })), /no "data" object/, 'data');
    expectError(() => parseCardFile(bytes({ ...cardV2, data: { ...dataV2, name: '' } })), /no name/, 'data.name');
    expectError(
      () => parseCardFile(bytes({ ...cardV2, data: { ...dataV2, first_mes: 42 } })),
      /data.first_mes must be text/,
      'data.first_mes',
    );
    expectError(
      () => parseCardFile(bytes({ ...cardV2, data: { ...dataV2, first_mes: 'x'.repeat(5000) } })),
      /greeting can be at most 4,000.*data\.first_mes/i,
      'data.first_mes',
    );
    expectError(
      () => parseCardFile(bytes({ ...cardV2, data: { ...dataV2, tags: 'a,b' } })),
      /data.tags must be a list/,
      'data.tags',
    );
    expectError(() => parseCardFile(bytes([1, 2])), /must be a JSON object/);
    expectError(() => parseCardFile(solidPng(4, '#000000')), /no character card in it/);
    expectError(
      () => parseCardFile(withTextChunks(solidPng(4, '#000000'), { chara: 'not base64 !!' })),
      /"chara" chunk is not base64/,
    );
    expectError(
      () => parseCardFile(withTextChunks(solidPng(4, '#000000'), { ccv3: Buffer.from('{oops').toString('base64') })),
      /"ccv3" chunk does not hold valid JSON/,
    );
    const damaged = Buffer.from(withTextChunks(solidPng(4, '#000000'), { chara: base64(cardV2) }));
    damaged[damaged.length - 20] = damaged[damaged.length - 20]! ^ 0xff;
    expectError(() => parseCardFile(damaged), /damaged|truncated/);
    expectError(() => parseCardFile(new Uint8Array(5 * 1024 * 1024).fill(32)), /at most 4 MB/);
    expectError(() => parseCardFile(new Uint8Array([0x50, 0x4b, 3, 4])), /^CHARX cards cannot be imported yet: export/);
  });
});

// Real-world cards, used where they are (their licences do not let us copy them into the repo).
const FIXTURES = process.env.CARD_FIXTURES_DIR ?? path.resolve(process.cwd(), '../shared/fixtures/cards');
const fixtures = existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((f) => /\.(png|json)$/.test(f)) : [];

describe.skipIf(fixtures.length === 0)(`real-world cards in ${FIXTURES}`, () => {
  it.each(fixtures)('%s imports, and exports back to the same fields', (file) => {
    const card = parseCardFile(readFileSync(path.join(FIXTURES, file)));
    expect(card.fields.name.length).toBeGreaterThan(0);
    for (const spec of ['v2', 'v3'] as const) {
      const json = parseCardFile(bytes(personaToCard(card.fields, spec)));
      expect(json.fields).toEqual(card.fields);
      const png = parseCardFile(personaToPng(card.fields, spec, card.image));
      expect(png.fields).toEqual(card.fields);
    }
  });

  it("keeps a real card's lorebook and unknown extensions", () => {
    const file = path.join(FIXTURES, 'v2v3_png_seraphina_dual_chunk.png');
    if (!existsSync(file)) return;
    const card = parseCardFile(readFileSync(file));
    expect(card.spec).toBe('v3');
    const exported = personaToCard(card.fields, 'v3').data;
    const raw = JSON.parse(
      Buffer.from(textChunks(readChunks(readFileSync(file))).get('ccv3')!, 'base64').toString('utf8'),
    ).data;
    expect(exported.character_book).toEqual(raw.character_book);
    expect(withoutHearth(exported.extensions)).toEqual(raw.extensions);
  });
});

describe.skipIf(!existsSync(path.join(FIXTURES, 'v3_charx_synthetic_small.charx')))('a real CHARX card', () => {
  it('is refused in product words, naming what to do instead', () => {
    expectError(
      () => parseCardFile(readFileSync(path.join(FIXTURES, 'v3_charx_synthetic_small.charx'))),
      /^CHARX cards cannot be imported yet: export the card as PNG or JSON/,
      'file',
    );
  });
});
