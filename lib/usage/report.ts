import type { Database } from '@/lib/db/client';
import { withUser, type UserScope } from '@/lib/db/scope';
import {
  usageGroups,
  usageTotals,
  type UsageGrouping,
  type UsageGroup,
  type UsageRange,
  type UsageTotals,
} from '@/lib/usage/queries';

export type UsageReport = { totals: UsageTotals; groups: UsageGroup[] };

/** What the user's replies used in the range, optionally grouped; their own messages only (RLS). */
export function usageReport(
  user: UserScope,
  range: UsageRange,
  groupBy?: UsageGrouping,
  db?: Database,
): Promise<UsageReport> {
  return withUser(
    user,
    async (tx) => ({
      totals: await usageTotals(tx, range),
      groups: groupBy ? await usageGroups(tx, range, groupBy) : [],
    }),
    db,
  );
}
