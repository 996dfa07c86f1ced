import { speakable } from '@/lib/voice/sentences';

/** The longest piece one text-to-speech request carries (MAX_SPEECH_CHARS in speech.ts, which is server only). */
const PIECE_CHARS = 1000;

/**
 * A reply as the pieces text to speech reads one request at a time: code blocks left out (nobody
 * wants braces read aloud), markdown marks taken out, cut at sentence ends to at most
 * PIECE_CHARS each. The browser asks for piece 0, plays it while it asks for piece 1, and so on.
 */
export function readAloudPieces(text: string, limit = PIECE_CHARS): string[] {
  const prose = text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?(?:^\1[^\n]*$|(?![\s\S]))/gm, ' ');
  const sentences = speakable(prose).match(/[^.!?…。]+(?:[.!?…。]+["'»”’)]*\s*|$)/g) ?? [];
  const pieces: string[] = [];
  let current = '';
  for (const sentence of sentences.flatMap((s) => chop(s, limit))) {
    if (current && current.length + sentence.length > limit) {
      pieces.push(current.trim());
      current = '';
    }
    current += sentence;
  }
  if (current.trim()) pieces.push(current.trim());
  return pieces;
}

/** A sentence longer than the limit, cut at spaces (or hard, with none). */
function chop(sentence: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = sentence;
  while (rest.length > limit) {
    const space = rest.lastIndexOf(' ', limit);
    const cut = space > limit / 2 ? space + 1 : limit;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  return rest ? [...parts, rest] : parts;
}
