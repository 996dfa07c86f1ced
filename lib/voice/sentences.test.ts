import { describe, expect, it } from 'vitest';
import type { Language } from '@/lib/languages';
import { MAX_CHARS, MIN_CHARS, sentenceSplitter, speakable } from './sentences';

/** The sentences of `text` streamed in deltas of `size` characters (0: all at once). */
function split(language: Language, text: string, size = 0): string[] {
  const splitter = sentenceSplitter(language);
  const out: string[] = [];
  if (size === 0) out.push(...splitter.push(text));
  else for (let i = 0; i < text.length; i += size) out.push(...splitter.push(text.slice(i, i + size)));
  return [...out, ...splitter.flush()];
}

/** The same sentences whether the reply arrives at once, a character at a time, or in odd chunks. */
function expectSentences(language: Language, text: string, expected: string[]) {
  for (const size of [0, 1, 3, 7]) expect(split(language, text, size), `deltas of ${size}`).toEqual(expected);
}

describe('sentenceSplitter', () => {
  it('splits English at . ! ? and keeps abbreviations, decimals and ellipses inside', () => {
    expectSentences(
      'en-US',
      'Dr. Smith paid $3.50 for it. Really?! I thought it was free... but no. Ask Mr. Jones, e.g. tomorrow.',
      ['Dr. Smith paid $3.50 for it.', 'Really?! I thought it was free... but no.', 'Ask Mr. Jones, e.g. tomorrow.'],
    );
  });

  it('keeps Spanish ¿? and ¡! sentences whole and knows "p. ej."', () => {
    expectSentences(
      'es-ES',
      '¿Cómo estás hoy, amigo? ¡Qué alegría verte por aquí! Hay frutas, p. ej. manzanas y peras. La Sra. García llega a las 3.',
      [
        '¿Cómo estás hoy, amigo?',
        '¡Qué alegría verte por aquí!',
        'Hay frutas, p. ej. manzanas y peras.',
        'La Sra. García llega a las 3.',
      ],
    );
  });

  it('handles French spacing before ! and ?, guillemets and "M."', () => {
    expectSentences(
      'fr-FR',
      '« Bonjour à toi ! » dit M. Dupont. Tu viens ce soir ? Je pense que oui, par ex. vers huit heures.',
      ['« Bonjour à toi ! » dit M. Dupont.', 'Tu viens ce soir ?', 'Je pense que oui, par ex. vers huit heures.'],
    );
  });

  it('knows German abbreviations and ordinals', () => {
    expectSentences(
      'de-DE',
      'Wir treffen uns am 3. Oktober in Berlin. Bring z.B. etwas Obst mit, d.h. Äpfel oder Birnen. Bis dann!',
      [
        'Wir treffen uns am 3. Oktober in Berlin.',
        'Bring z.B. etwas Obst mit, d.h. Äpfel oder Birnen.',
        // The last fragment goes out at the end, however short.
        'Bis dann!',
      ],
    );
  });

  it('knows Dutch and Italian abbreviations', () => {
    expectSentences('nl-NL', 'Neem bijv. een jas mee naar buiten. Dhr. Jansen komt ook, d.w.z. als het droog is.', [
      'Neem bijv. een jas mee naar buiten.',
      'Dhr. Jansen komt ook, d.w.z. als het droog is.',
    ]);
    expectSentences(
      'it-IT',
      'Il Sig. Rossi arriva alle 9.30 di mattina. Porta frutta, ecc. e qualcosa da bere. Ciao!',
      ['Il Sig. Rossi arriva alle 9.30 di mattina.', 'Porta frutta, ecc. e qualcosa da bere.', 'Ciao!'],
    );
  });

  it('ends a sentence after closing quotes', () => {
    expectSentences('en-US', 'She looked at me and said "Stop right there." Then she left the room.', [
      'She looked at me and said "Stop right there."',
      'Then she left the room.',
    ]);
  });

  it('takes line breaks and list items as ends, and drops markdown marks', () => {
    expectSentences(
      'en-US',
      'Here is the **plan** for today\n1. Buy fresh bread at the bakery\n- Call [Anna](https://example.com) about dinner\n## Later we rest',
      ['Here is the plan for today', '1. Buy fresh bread at the bakery', 'Call Anna about dinner', 'Later we rest'],
    );
  });

  it(`merges fragments shorter than ${MIN_CHARS} characters into the next sentence`, () => {
    expectSentences('en-US', 'Oh. Yes. I remember that day very well.', ['Oh. Yes. I remember that day very well.']);
    expectSentences('en-US', 'That was a lovely story. Thanks!', ['That was a lovely story.', 'Thanks!']);
  });

  it(`cuts a run-on sentence longer than ${MAX_CHARS} characters at a comma, else a space`, () => {
    const clause = 'and then we walked along the river for a while';
    const runOn = Array.from({ length: 8 }, () => clause).join(', ') + '.';
    const sentences = split('en-US', runOn, 5);
    expect(sentences.length).toBeGreaterThan(1);
    for (const sentence of sentences) expect(sentence.length).toBeLessThanOrEqual(MAX_CHARS);
    expect(sentences.slice(0, -1).every((sentence) => sentence.endsWith(','))).toBe(true);
    expect(sentences.join(' ')).toBe(runOn);

    const noCommas = Array.from({ length: 60 }, () => 'word').join(' ');
    const cut = split('en-US', noCommas, 4);
    expect(cut.length).toBeGreaterThan(1);
    expect(cut.join(' ')).toBe(noCommas);
  });

  it('gives a sentence out as soon as the next word shows it is complete', () => {
    const splitter = sentenceSplitter('en-US');
    expect(splitter.push('The weather is lovely today.')).toEqual([]);
    // "3." might still become "3.5", and ". " might still be followed by "and".
    expect(splitter.push(' ')).toEqual([]);
    expect(splitter.push('Shall we go now?')).toEqual(['The weather is lovely today.']);
    expect(splitter.push(' ')).toEqual([]);
    expect(splitter.push('I')).toEqual(['Shall we go now?']);
    expect(splitter.flush()).toEqual(['I']);
    expect(splitter.flush()).toEqual([]);
  });

  it('gives nothing for an empty or blank reply', () => {
    expect(split('en-US', '')).toEqual([]);
    expect(split('en-US', ' \n\n ** ')).toEqual([]);
  });
});

describe('speakable', () => {
  it('drops headings, bullets, emphasis, code marks and link targets', () => {
    expect(speakable('### Title\n* **bold** and `code` and [a link](http://x.y)')).toBe(
      'Title bold and code and a link',
    );
  });
});
