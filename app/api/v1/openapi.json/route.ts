import { openApiDocument } from '@/lib/api/openapi';

/** The REST API's OpenAPI 3.1 document. Public, like the docs page that reads it. */
export function GET() {
  return Response.json(openApiDocument(), { headers: { 'cache-control': 'public, max-age=300' } });
}
