import { usageJson } from '@/lib/api/usage';
import { requireApiUser } from '@/lib/auth/api-user';
import { usageReport } from '@/lib/chat/usage';
import { errorResponse } from '@/lib/errors';
import { parseWith, queryOf } from '@/lib/validation/parse';
import { usageQuery } from '@/lib/validation/usage';

/** What the caller's replies used and cost: totals for the range and, with group_by, per group. */
export async function GET(request: Request) {
  try {
    const user = await requireApiUser(request);
    const { range, groupBy } = parseWith(usageQuery, queryOf(request));
    return Response.json(usageJson(await usageReport(user, range, groupBy)));
  } catch (error) {
    return errorResponse(error);
  }
}
