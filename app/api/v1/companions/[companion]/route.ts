import { companionJson } from '@/lib/companions/json';
import { apiRoute, preflight } from '@/lib/api/route';
import { companionBySlugOrId } from '@/lib/companions/service';
import { HearthError } from '@/lib/errors';
import { companionPath } from '@/lib/validation/ids';
import { parseWith } from '@/lib/validation/parse';

/** One companion, by slug or id. */
export const GET = apiRoute<{ companion: string }>(async (request, context, caller) => {
  const companion = await companionBySlugOrId(caller, parseWith(companionPath, await context.params).companion);
  if (!companion) throw new HearthError('not_found', 'This companion does not exist.');
  return Response.json(companionJson(companion));
});

export const OPTIONS = preflight;
