/** A Server-Timing header value from named durations in ms: `auth;dur=1.2, read;dur=3.4`. */
export function serverTiming(durations: Record<string, number>): string {
  return Object.entries(durations)
    .map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`)
    .join(', ');
}
