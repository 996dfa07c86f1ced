import { apiRoute, preflight } from '@/lib/api/route';
import { usageJson } from '@/lib/api/usage';
import { usageReport } from '@/lib/chat/usage';
import { parseWith, queryOf } from '@/lib/validation/parse';
import { usageQuery } from '@/lib/validation/usage';

/** What the caller's replies used and cost: totals for the range and, with group_by, per group. */
export const GET = apiRoute(async (request, context, caller) => {
  const { range, groupBy } = parseWith(usageQuery, queryOf(request));
  return Response.json(usageJson(await usageReport(caller, range, groupBy)));
});

export const OPTIONS = preflight;
