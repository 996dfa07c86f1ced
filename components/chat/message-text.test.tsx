import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { hasMarkdownSyntax } from '@/lib/markdown-syntax';
import { Markdown } from './markdown';
import { PlainText } from './message-text';

const viaMarkdown = (text: string) => renderToStaticMarkup(<Markdown text={text} />);
const viaPlain = (text: string) => renderToStaticMarkup(<PlainText text={text} />);

/** A small seeded generator, so a failure names a text that can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

describe('plain text without the markdown renderer', () => {
  it('renders exactly what the markdown renderer renders whenever no syntax is found', () => {
    const samples = [
      'Thank you for telling me about your day, it sounds like a small and good moment.',
      "That's lovely. How did it feel?\nI'd like to hear more.",
      '  Leading and trailing spaces  ',
      'First paragraph.\n\nSecond one, after a blank line.\n \n  \nThird, after blank lines with spaces.',
      'Numbers like 3.5 and 2024, a price of 12 euros, 50% off; and (brackets) too!',
      'Well-being matters - really. Semi-colons; colons: question? "quotes" and \'single\' ones.',
      'Unicode: café, naïve, 日本語, emoji 🌱, and a non-breaking\u00a0space.',
      '',
    ];
    for (const text of samples) {
      expect(hasMarkdownSyntax(text), text).toBe(false);
      expect(viaPlain(text), text).toBe(viaMarkdown(text));
    }
  });

  it('agrees with the markdown renderer on thousands of random texts the check lets through', () => {
    const next = random(7);
    const alphabet = 'abcdefghij ABC  012345789 .,;:!?()-+=*_`#>|~[]<\\&@"\'/%$^{}\n\n\t\u00a0é';
    let plain = 0;
    for (let i = 0; i < 5_000; i++) {
      const length = 1 + Math.floor(next() * 40);
      const text = Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      if (hasMarkdownSyntax(text)) continue;
      plain += 1;
      expect(viaPlain(text), JSON.stringify(text)).toBe(viaMarkdown(text));
    }
    expect(plain).toBeGreaterThan(500);
  });

  it('sends anything with markdown syntax to the renderer', () => {
    const markdown = [
      '**bold**',
      '_em_',
      '`code`',
      '# Heading',
      '> quote',
      '| a | b |',
      '~~gone~~',
      '[link](https://example.com)',
      '<b>html</b>',
      'an escape \\*',
      'an entity &amp;',
      'mail me@example.com',
      'see https://example.com',
      'www.example.com',
      '- item',
      '+ item',
      '1. first',
      '2) second',
      'Title\n===',
      'Title\n---',
      '    indented code',
      '\tcode',
      'hard  \nbreak',
      'a\r\nb',
    ];
    for (const text of markdown) expect(hasMarkdownSyntax(text), text).toBe(true);
  });
});
