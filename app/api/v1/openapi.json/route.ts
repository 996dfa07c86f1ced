import { openApiDocument } from '@/lib/api/openapi/document';
import { preflight, publicApiRoute } from '@/lib/api/route';

/** The REST API's OpenAPI 3.1 document. Public, like the docs page that reads it. */
export const GET = publicApiRoute(async () =>
  Response.json(openApiDocument(), { headers: { 'cache-control': 'public, max-age=300' } }),
);

export const OPTIONS = preflight;
