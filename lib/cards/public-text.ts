// What an imported card may show to everyone. A card's description, personality and scenario are
// prompt text: W++ blocks (`[character("Melina") { ... }]`), bracketed lists, `{{char}}` macros,
// roleplay stage directions. Only plain prose reaches the public tagline and description.

const MAX_TAGLINE = 160;
const MAX_DESCRIPTION = 1000;

// Editors write these into the creator notes field when the author left it empty.
const PLACEHOLDER = /^(creator'?s? notes? go(es)? here|n\/?a|none|todo|tbd|placeholder|-+)\.?$/i;

/** `{{char}}` (any spacing or case, and the old `<BOT>`) becomes the name; other macros stay, to be refused. */
function withName(text: string, name: string): string {
  return text.replace(/\{\{\s*char\s*\}\}|<BOT>/gi, name);
}

/** One line of prose: no definition syntax, no unreplaced macro, no stage direction, no markup. */
function isProse(text: string): boolean {
  if (/\{\{|\}\}|<USER>|<BOT>/i.test(text)) return false; // a macro Hearth cannot fill in for everyone
  if (/[[\]{}=<>|]|\(\s*"|\+\s*"/.test(text)) return false; // W++, bracket lists, markup, tables
  if (/^\s*[*_#>-]/m.test(text)) return false; // a stage direction, heading, quote or list item
  if (/https?:\/\//i.test(text)) return false;
  return /[\p{L}]{2,}.*\s.*[\p{L}]{2,}/u.test(text); // at least two words
}

function normalise(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2000-\u200b]/g, ' ')
    .trim();
}

function paragraphs(text: string): string[] {
  return normalise(text)
    .split(/\n\s*\n/)
    .map((p) => p.replace(/[ \t]*\n[ \t]*/g, '\n').trim())
    .filter(Boolean);
}

/** The sentences of a paragraph, across its line breaks. */
function sentences(paragraph: string): string[] {
  return paragraph
    .replace(/\n/g, ' ')
    .split(/(?<=[.!?…])\s+(?=\S)/)
    .filter(Boolean);
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

/** The creator notes as public text: their prose paragraphs, or nothing when they hold none (or a placeholder). */
function notesText(notes: string, name: string): string {
  const kept: string[] = [];
  let length = 0;
  for (const paragraph of paragraphs(withName(notes, name))) {
    if (PLACEHOLDER.test(paragraph) || !isProse(paragraph)) continue;
    if (length + paragraph.length > MAX_DESCRIPTION) break;
    kept.push(paragraph);
    length += paragraph.length + 2;
  }
  return kept.join('\n\n');
}

/** The first prose sentence of the character's own fields (its description, then personality, then scenario). */
function firstSentence(fields: string[], name: string): string {
  for (const field of fields) {
    for (const paragraph of paragraphs(withName(field, name))) {
      const sentence = sentences(paragraph).find(isProse);
      if (sentence) return sentence;
    }
  }
  return '';
}

/**
 * The tagline and public description of an imported card: its creator notes (written for the people
 * choosing a character) when they hold prose, else a short summary from the first plain sentence of
 * its description, personality or scenario. Empty when nothing is safe to show: the admin writes them.
 */
export function publicTexts(card: {
  name: string;
  creatorNotes: string;
  description: string;
  personality: string;
  scenario: string;
}): { tagline: string; description: string } {
  const notes = notesText(card.creatorNotes, card.name);
  const source = notes || firstSentence([card.description, card.personality, card.scenario], card.name);
  if (!source) return { tagline: '', description: '' };
  // The first sentence of the first line: notes often open with "Region: ...\nOccupation: ..." lines.
  const tagline = clip(sentences(source.split('\n')[0]!)[0]!, MAX_TAGLINE);
  // A description that only repeats the tagline would print the same line twice on the companion page.
  return { tagline, description: source === tagline ? '' : source };
}
