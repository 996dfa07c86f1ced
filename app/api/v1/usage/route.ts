import { apiRoute, preflight } from '@/lib/api/route';
import { usageJson } from '@/lib/usage/json';
import { usageReport } from '@/lib/usage/report';
import { parseWith, queryOf } from '@/lib/validation/parse';
import { usageQuery } from '@/lib/usage/schemas';

/** What the caller's replies used and cost: totals for the range and, with group_by, per group. */
export const GET = apiRoute(async (request, context, caller) => {
  const { range, groupBy } = parseWith(usageQuery, queryOf(request));
  return Response.json(usageJson(await usageReport(caller, range, groupBy)));
});

export const OPTIONS = preflight;
