// Figures from timings, shared by every benchmark (plain Node strips the types when a .mjs imports it).

/** Nearest-rank percentile of an unsorted list; null for an empty one. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** p50, p95 and the worst of a list of milliseconds. */
export function timings(values: readonly number[]): { p50: number; p95: number; max: number } {
  return {
    p50: percentile(values, 50) ?? NaN,
    p95: percentile(values, 95) ?? NaN,
    max: values.length ? Math.max(...values) : NaN,
  };
}
