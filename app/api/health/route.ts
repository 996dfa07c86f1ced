import { siteRoute } from '@/lib/api/route';
import { HearthError } from '@/lib/errors';
import { checkHealth, healthAccess } from '@/lib/health';

/**
 * `{ status: ok | degraded | down }` for anyone (503 when down); the details, and `?deep=1`
 * (which asks each configured provider whether it accepts its key), for an admin's session or
 * `Authorization: Bearer <HEALTH_TOKEN>`.
 */
export const GET = siteRoute(async (request) => {
  const deep = new URL(request.url).searchParams.get('deep') === '1';
  const access = await healthAccess(request);
  if (deep && access === 'anonymous') {
    throw new HearthError(
      'unauthorized',
      'A deep health check needs an admin session or Authorization: Bearer <HEALTH_TOKEN>.',
      { headers: { 'www-authenticate': 'Bearer' } },
    );
  }
  if (deep && access === 'user') throw new HearthError('forbidden', 'Only admins can run a deep health check.');
  const health = await checkHealth({ deep });
  return Response.json(access === 'details' ? health : { status: health.status }, {
    status: health.status === 'down' ? 503 : 200,
    headers: { 'cache-control': 'no-store' },
  });
});
