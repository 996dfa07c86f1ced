/**
 * Markdown as a reader would say it, for the moment before the renderer's chunk is in (review D13:
 * `**word**` flashed after client navigation): emphasis, code and strike markers, heading hashes,
 * quote marks, link targets and code fences go; list items keep a bullet or their number. Not a
 * parser: only what the renderer will replace a few hundred milliseconds later has to look right.
 */
export function readableMarkdown(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s*(?:```|~~~)/.test(line))
    .map((line) =>
      line
        .replace(/^\s{0,3}#{1,6}\s+/, '')
        .replace(/^\s{0,3}>\s?/, '')
        .replace(/^(\s*)[-*+]\s+/, '$1• ')
        .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
        .replace(/(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])/g, '$2')
        .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '$1')
        .replace(/`([^`]+)`/g, '$1'),
    )
    .join('\n');
}
