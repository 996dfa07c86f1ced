import type { CompanionSummary } from '@/lib/companions/own-queries';

// The Community's chips: its most used tags, at most this many (the search reads every tag).
const MAX_TAGS = 10;

/** The tags worth a chip: the most used across the Community first, then alphabetically; a companion counts once per tag. */
export function communityTags(companions: Pick<CompanionSummary, 'specialties'>[], max = MAX_TAGS): string[] {
  const counts = new Map<string, number>();
  for (const c of companions) for (const tag of new Set(c.specialties)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts]
    .sort(([a, n], [b, m]) => m - n || a.localeCompare(b))
    .slice(0, max)
    .map(([tag]) => tag);
}
