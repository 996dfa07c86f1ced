import { z } from 'zod';
import { adminRoute } from '@/lib/api/admin-route';
import { versionSnapshot } from '@/lib/personas/queries';
import { withUser } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { uuid } from '@/lib/validation/ids';
import { parseWith } from '@/lib/validation/parse';

const params = z.object({ id: uuid, version: z.coerce.number({ error: 'Not a version number.' }).int().min(1) });

/** One saved version's fields, for the studio's diff. */
export const GET = adminRoute<{ id: string; version: string }>(async (_request, context, admin) => {
  const { id, version } = parseWith(params, await context.params);
  const snapshot = await withUser(admin, (tx) => versionSnapshot(tx, id, version));
  if (!snapshot) throw new HearthError('not_found', `Version ${version} does not exist.`);
  return Response.json({ version, fields: snapshot });
});
