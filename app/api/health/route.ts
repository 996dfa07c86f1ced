import { checkHealth } from '@/lib/health';

/** 200 while the database answers, 503 when it does not; `?deep=1` also checks provider keys. */
export async function GET(request: Request) {
  const deep = new URL(request.url).searchParams.get('deep') === '1';
  const health = await checkHealth({ deep });
  return Response.json(health, {
    status: health.database.status === 'up' ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
}
