import { adminRoute } from '@/lib/api/admin-route';
import { analyticsCsv, loadAnalytics, parseRange } from '@/lib/admin/analytics';
import { queryOf } from '@/lib/validation/parse';

/** The dashboard's numbers for a range: JSON, or CSV with ?format=csv (a download). */
export const GET = adminRoute(async (request, _context, admin) => {
  const query = queryOf(request);
  const analytics = await loadAnalytics(admin, parseRange(query));
  if (query.format !== 'csv') return Response.json(analytics);
  return new Response(analyticsCsv(analytics), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="hearth-usage-${analytics.range.from}-to-${analytics.range.to}.csv"`,
      'cache-control': 'no-store',
    },
  });
});
