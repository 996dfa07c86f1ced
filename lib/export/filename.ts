/**
 * A file name for a download: the title in plain ASCII (accents dropped, anything else a dash),
 * then the day, so exports sort and never carry characters a file system or a header refuses.
 */
export function downloadName(title: string, day: Date, extension: string): string {
  return `${fileStem(title, day)}.${extension}`;
}

/** The title in ASCII and the day, without an extension: `evening-chat-2026-12-06`. */
export function fileStem(title: string, day: Date): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'conversation'}-${new Date(day).toISOString().slice(0, 10)}`;
}

/** The Content-Disposition of a download named by downloadName (ASCII only, so no quoting trouble). */
export function attachment(fileName: string): string {
  return `attachment; filename="${fileName}"`;
}
