import { adminRoute } from '@/lib/api/admin-route';
import { personaWithVersions, savePersona } from '@/lib/personas/service';
import { HearthError } from '@/lib/errors';
import { pathId } from '@/lib/validation/ids';
import { parseWith, readJson } from '@/lib/validation/parse';
import { personaSave } from '@/lib/personas/schemas';

type Params = { id: string };

export const GET = adminRoute<Params>(async (_request, context, admin) => {
  const { id } = parseWith(pathId, await context.params);
  const found = await personaWithVersions(admin, id);
  if (!found) throw new HearthError('not_found', 'There is no such persona.');
  return Response.json(found);
});

export const PUT = adminRoute<Params>(async (request, context, admin) => {
  const { id } = parseWith(pathId, await context.params);
  const { fields, baseVersion } = parseWith(personaSave, await readJson(request));
  return Response.json({ persona: await savePersona(admin, id, fields, baseVersion) });
});
