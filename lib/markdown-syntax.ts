// Whether a message needs the markdown renderer at all. Most replies are plain sentences, and for
// those the markdown renderer (react-markdown with GFM, about 48 KB of gzipped JavaScript) would
// produce exactly what plainParagraphs gives: the chat loads it only when this says so. The check
// is deliberately broad: a false "yes" only costs loading the renderer.

// Characters that mean something to CommonMark or GFM anywhere in a line: emphasis, code, headings,
// quotes, tables, strikethrough, links and images, raw HTML and autolinks, escapes, entities, email
// autolinks, and carriage returns (line endings markdown normalizes).
const SYNTAX_CHARACTERS = /[*_`#>|~[\]<\\&@\r]/;
// Line starts that open a block: list items, setext underlines and rules, ordered lists, indented code.
const BLOCK_STARTS = /^(?:[ \t]*[-+=]|[ \t]*\d{1,9}[.)](?:[ \t]|$)| {4}|\t)/m;
// GFM autolinks without angle brackets, and hard line breaks (two spaces before a newline).
const LITERAL_SYNTAX = /https?:\/\/|www\.|ftp:\/\/|\S {2,}\n/i;

export function hasMarkdownSyntax(text: string): boolean {
  return SYNTAX_CHARACTERS.test(text) || BLOCK_STARTS.test(text) || LITERAL_SYNTAX.test(text);
}

/**
 * The paragraphs markdown makes of text without syntax: runs of non-blank lines, each line
 * trimmed of spaces and tabs, joined by newlines.
 */
export function plainParagraphs(text: string): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.replace(/^[ \t]+|[ \t]+$/g, '');
    if (trimmed) {
      current.push(trimmed);
    } else if (current.length > 0) {
      paragraphs.push(current.join('\n'));
      current = [];
    }
  }
  if (current.length > 0) paragraphs.push(current.join('\n'));
  return paragraphs;
}
