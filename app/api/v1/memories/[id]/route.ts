import { memoryJson } from '@/lib/memory/json';
import { apiRoute, preflight } from '@/lib/api/route';
import { HearthError } from '@/lib/errors';
import { editMemory, removeMemory } from '@/lib/memory/manage';
import { uuid } from '@/lib/validation/ids';
import { updateMemoryRequest } from '@/lib/memory/schemas';
import { parseWith, readJson } from '@/lib/validation/parse';

/** Rewrites a memory in the caller's words. Someone else's memory is "not found". */
export const PATCH = apiRoute<{ id: string }>(async (request, context, caller) => {
  const id = parseWith(uuid, (await context.params).id);
  const { content } = parseWith(updateMemoryRequest, await readJson(request));
  return Response.json(memoryJson(await editMemory(caller, id, content)));
});

export const DELETE = apiRoute<{ id: string }>(async (request, context, caller) => {
  if (!(await removeMemory(caller, parseWith(uuid, (await context.params).id)))) {
    throw new HearthError('not_found', 'This memory does not exist.');
  }
  return new Response(null, { status: 204 });
});

export const OPTIONS = preflight;
