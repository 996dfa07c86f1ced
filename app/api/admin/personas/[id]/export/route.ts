import { z } from 'zod';
import { adminRoute } from '@/lib/api/admin-route';
import { exportCard } from '@/lib/personas/cards';
import { pathId } from '@/lib/validation/ids';
import { parseWith, queryOf } from '@/lib/validation/parse';

const query = z.object({
  spec: z.enum(['v2', 'v3'], { error: 'spec is v2 or v3.' }).default('v3'),
  format: z.enum(['json', 'png'], { error: 'format is json or png.' }).default('png'),
});

/** The persona as a Character Card (V2 or V3, JSON or PNG), as a download. */
export const GET = adminRoute<{ id: string }>(async (request, context, admin) => {
  const { id } = parseWith(pathId, await context.params);
  const { spec, format } = parseWith(query, queryOf(request));
  const card = await exportCard(admin, id, spec, format);
  return new Response(card.body as BodyInit, {
    headers: {
      'content-type': card.contentType,
      'content-disposition': `attachment; filename="${card.fileName}"`,
      'cache-control': 'no-store',
    },
  });
});
