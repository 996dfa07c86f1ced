import { describe, expect, it } from 'vitest';
import { readAloudPieces } from './read-aloud-text';

describe('a reply read aloud', () => {
  it('leaves out code blocks and markdown marks', () => {
    const pieces = readAloudPieces('Here is **one** idea:\n\n```python\nprint("hi")\n```\n\n- walk\n- rest');
    expect(pieces).toEqual(['Here is one idea: walk rest']);
  });

  it('is cut at sentence ends into pieces no longer than the limit', () => {
    const text = 'One sentence here. Another one follows! And a third? Yes.';
    const pieces = readAloudPieces(text, 30);
    expect(pieces.every((piece) => piece.length <= 30)).toBe(true);
    expect(pieces.join(' ')).toBe(text);
  });

  it('cuts a sentence longer than the limit at spaces', () => {
    const pieces = readAloudPieces('word '.repeat(50).trim(), 40);
    expect(pieces.every((piece) => piece.length <= 40)).toBe(true);
    expect(pieces.join(' ').split(' ')).toHaveLength(50);
  });
});
