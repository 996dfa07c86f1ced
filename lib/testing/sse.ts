/** One Server-Sent Event as a client sees it; comments (keep-alives) come as event ":". */
export type SseEvent = { event: string | null; data: string };

export function parseSse(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      if (block.startsWith(':')) return { event: ':', data: block.slice(1).trim() };
      const lines = block.split('\n');
      const field = (name: string) =>
        lines.filter((l) => l.startsWith(`${name}: `)).map((l) => l.slice(name.length + 2));
      return { event: field('event')[0] ?? null, data: field('data').join('\n') };
    });
}
