import { forgottenJson, memoriesJson } from '@/lib/memory/json';
import { apiRoute, preflight } from '@/lib/api/route';
import type { ApiCaller } from '@/lib/auth/api-user';
import { companionBySlugOrId } from '@/lib/companions/service';
import { HearthError } from '@/lib/errors';
import { forgetEverything, memoryOverview, setMemorySettings } from '@/lib/memory/manage';
import { companionPath } from '@/lib/validation/ids';
import { memorySettingsRequest } from '@/lib/memory/schemas';
import { parseWith, readJson } from '@/lib/validation/parse';

async function overview(caller: ApiCaller, companion: string) {
  const found = await memoryOverview(caller, companion);
  if (!found) throw new HearthError('not_found', 'This companion does not exist.');
  return found;
}

/** What the companion remembers about the caller, and whether memory is on. */
export const GET = apiRoute<{ companion: string }>(async (request, context, caller) => {
  const { settings, memories } = await overview(caller, parseWith(companionPath, await context.params).companion);
  return Response.json(memoriesJson(settings, memories));
});

/** Memory on or off for this companion (`enabled`), and sharing general memories with all (`shared`). */
export const PATCH = apiRoute<{ companion: string }>(async (request, context, caller) => {
  const changes = parseWith(memorySettingsRequest, await readJson(request));
  const { companion, memories } = await overview(caller, parseWith(companionPath, await context.params).companion);
  return Response.json(memoriesJson(await setMemorySettings(caller, companion.id, changes), memories));
});

/** "Forget everything": all this companion remembers, the shared general memories included. */
export const DELETE = apiRoute<{ companion: string }>(async (request, context, caller) => {
  const companion = await companionBySlugOrId(caller, parseWith(companionPath, await context.params).companion);
  if (!companion) throw new HearthError('not_found', 'This companion does not exist.');
  return Response.json(forgottenJson(await forgetEverything(caller, companion.id)));
});

export const OPTIONS = preflight;
