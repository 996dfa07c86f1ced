import type { Language } from '@/lib/languages';

/**
 * Splits a reply streamed as text deltas into sentences a TTS provider can speak, each as soon as
 * it is complete, so the first sentence is synthesized while the model is still writing the rest.
 *
 * A sentence ends at ". ! ? …" (or a run such as "?!" or "...", with closing quotes) followed by
 * white space, or at a line break. A period does not end one after an abbreviation of the
 * language ("Dr.", "z.B.", "p. ej.", "M."), inside a number ("3.5"), after a list number at the
 * start of a line ("1. "), or when the next word starts in lower case. Fragments shorter than
 * MIN_CHARS wait and go out with the next sentence; a run-on sentence is cut at a comma or a space
 * once it passes MAX_CHARS. Markdown marks are dropped: they are written, not spoken.
 */
export const MIN_CHARS = 14;
export const MAX_CHARS = 220;

export type SentenceSplitter = { push(delta: string): string[]; flush(): string[] };

const TERMINATORS = '.!?…';
// Closers that belong to the sentence before them: quotes, brackets, markdown emphasis, and
// French guillemets after a (narrow) no-break or plain space.
const CLOSERS = /^(?:[\u00a0\u202f ]?»|["'”’)\]*_])*/;
const OPENERS = /^["'“‘«(¿¡[*_]+/;

const ABBREVIATIONS: Record<Language, ReadonlySet<string>> = {
  'en-US': new Set([
    'mr',
    'mrs',
    'ms',
    'dr',
    'prof',
    'sr',
    'jr',
    'st',
    'vs',
    'e.g',
    'i.e',
    'approx',
    'fig',
    'mt',
    'dept',
    'est',
  ]),
  'es-ES': new Set([
    'sr',
    'sra',
    'srta',
    'dr',
    'dra',
    'ud',
    'uds',
    'ej',
    'pág',
    'núm',
    'aprox',
    'av',
    'avda',
    'lic',
    'ing',
    'prof',
    'dto',
    'tel',
  ]),
  'fr-FR': new Set([
    'mme',
    'mlle',
    'mm',
    'dr',
    'pr',
    'st',
    'ste',
    'ex',
    'cf',
    'env',
    'av',
    'bd',
    'n°',
    'p.ex',
    'c.-à-d',
    'tél',
  ]),
  'de-DE': new Set([
    'z.b',
    'd.h',
    'u.a',
    'bzw',
    'ca',
    'dr',
    'prof',
    'hr',
    'fr',
    'nr',
    'str',
    'vgl',
    'evtl',
    'ggf',
    'inkl',
    'bsp',
    'o.ä',
    'u.ä',
    'usw',
    'etc',
    'geb',
    'tel',
  ]),
  'nl-NL': new Set([
    'dhr',
    'mevr',
    'dr',
    'prof',
    'bijv',
    'b.v',
    'bv',
    'd.w.z',
    'o.a',
    'ca',
    'nr',
    'mr',
    'blz',
    'm.a.w',
    'enz',
    'evt',
    'mw',
    'tel',
    'ir',
    'ing',
  ]),
  'it-IT': new Set([
    'sig',
    'sig.ra',
    'sig.na',
    'dott',
    'dott.ssa',
    'prof',
    'ing',
    'avv',
    'es',
    'p.es',
    'pag',
    'ecc',
    'ca',
    'tel',
    'n',
    'arch',
    'geom',
  ]),
};

export function sentenceSplitter(language: Language): SentenceSplitter {
  let buffer = '';
  // A finished sentence too short to speak alone, waiting for the next one.
  let pending = '';
  // Whether the buffer starts a line (a leading "1." is then a list number, not a sentence end).
  let lineStart = true;

  function emit(raw: string, out: string[], force: boolean) {
    const joined = pending ? `${pending}\n${raw}` : raw;
    const spoken = speakable(joined);
    if (!spoken) {
      pending = '';
      return;
    }
    if (spoken.length < MIN_CHARS && !force) {
      pending = joined;
      return;
    }
    out.push(spoken);
    pending = '';
  }

  return {
    push(delta) {
      buffer += delta;
      const out: string[] = [];
      for (;;) {
        const end = sentenceEnd(buffer, language, lineStart);
        const limit = Math.max(MIN_CHARS, MAX_CHARS - pending.length);
        const cut = (end ?? buffer.length) > limit ? runOnCut(buffer, limit) : null;
        if (cut !== null) {
          lineStart = false;
          emit(buffer.slice(0, cut), out, true);
          buffer = buffer.slice(cut);
          continue;
        }
        if (end !== null) {
          lineStart = buffer.slice(0, end).endsWith('\n');
          emit(buffer.slice(0, end), out, false);
          buffer = buffer.slice(end);
          continue;
        }
        return out;
      }
    },
    flush() {
      const out: string[] = [];
      emit(buffer, out, true);
      buffer = '';
      lineStart = true;
      return out;
    },
  };
}

/** The index just past the first complete sentence of `text`, or null if none is complete yet. */
function sentenceEnd(text: string, language: Language, lineStart: boolean): number | null {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      if (text.slice(0, i).trim()) return i + 1;
      continue;
    }
    if (!TERMINATORS.includes(c)) continue;
    let runEnd = i + 1;
    while (runEnd < text.length && TERMINATORS.includes(text[runEnd]!)) runEnd++;
    const run = text.slice(i, runEnd);
    const next = runEnd + (CLOSERS.exec(text.slice(runEnd))?.[0].length ?? 0);
    // The end of what has arrived: the next delta decides (a digit makes "3." a decimal).
    if (next >= text.length) return null;
    if (!/\s/.test(text[next]!)) {
      i = runEnd - 1;
      continue;
    }
    const verdict = endVerdict(text, i, run, next, language, lineStart);
    if (verdict === 'wait') return null;
    if (verdict === 'ends') return next + 1;
    i = runEnd - 1;
  }
  return null;
}

/**
 * Whether the terminators `run` at `at`, followed by white space at `space`, end a sentence;
 * 'wait' when that depends on the next word, which has not arrived yet.
 */
function endVerdict(
  text: string,
  at: number,
  run: string,
  space: number,
  language: Language,
  lineStart: boolean,
): 'ends' | 'goes-on' | 'wait' {
  if (run === '.') {
    let start = at;
    while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
    const word = text.slice(start, at).replace(OPENERS, '');
    if (isAbbreviation(word, language)) return 'goes-on';
    if (/^\d+$/.test(word)) {
      const startsLine = start === 0 ? lineStart : text[start - 1] === '\n';
      // A list number ("1. First"), or a German ordinal ("am 3. Oktober").
      if (startsLine || language === 'de-DE') return 'goes-on';
    }
  }
  const after = text.slice(space);
  if (/^\s*\n/.test(after)) return 'ends';
  const nextWord = /\S/.exec(after);
  if (!nextWord) return 'wait';
  // "etc. and more", "Well... maybe", "« Entrez ! » dit-il": the sentence goes on.
  return /\p{Ll}/u.test(nextWord[0]) ? 'goes-on' : 'ends';
}

function isAbbreviation(word: string, language: Language): boolean {
  if (!word) return false;
  const lower = word.toLowerCase();
  // An initial ("M. Dupont", "J. K. Rowling", the "p" of "p. ej.") or dotted letters ("U.S").
  if (/^\p{L}$/u.test(lower) || /^(\p{L}\.)+\p{L}$/u.test(lower)) return true;
  return ABBREVIATIONS[language].has(lower);
}

/** Where to cut a run-on sentence: after the last comma-like mark before `limit`, else the last space. */
function runOnCut(text: string, limit: number): number | null {
  const head = text.slice(0, limit);
  const mark = Math.max(
    head.lastIndexOf(', '),
    head.lastIndexOf('; '),
    head.lastIndexOf(': '),
    head.lastIndexOf(' – '),
    head.lastIndexOf(' — '),
  );
  if (mark >= MIN_CHARS) return mark + 2;
  const space = head.lastIndexOf(' ');
  if (space >= MIN_CHARS) return space + 1;
  return limit;
}

/** The sentence as it should be spoken: no markdown marks, bullets or links, one line. */
export function speakable(text: string): string {
  return text
    .replace(/^\s*(?:#{1,6}\s+|[-*•+]\s+|>\s?)/gm, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*|__|[*`]|~~/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
