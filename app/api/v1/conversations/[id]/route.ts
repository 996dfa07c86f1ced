import { conversationJson } from '@/lib/conversations/json';
import { apiRoute, preflight } from '@/lib/api/route';
import { deleteUserConversation, findUserConversation, updateUserConversation } from '@/lib/conversations/service';
import { HearthError } from '@/lib/errors';
import { pathId } from '@/lib/validation/ids';
import { updateConversationRequest } from '@/lib/conversations/schemas';
import { parseWith, readJson } from '@/lib/validation/parse';

type Context = { params: Promise<{ id: string }> };

async function conversationId(context: Context): Promise<string> {
  return parseWith(pathId, await context.params).id;
}

export const GET = apiRoute<{ id: string }>(async (request, context, caller) => {
  const conversation = await findUserConversation(caller, await conversationId(context));
  if (!conversation) throw new HearthError('not_found', 'This conversation does not exist.');
  return Response.json(conversationJson(conversation));
});

/** Renames it and/or switches its model (503 when that model's provider is not configured). */
export const PATCH = apiRoute<{ id: string }>(async (request, context, caller) => {
  const id = await conversationId(context);
  const changes = parseWith(updateConversationRequest, await readJson(request));
  return Response.json(conversationJson(await updateUserConversation(caller, id, changes)));
});

/** Deletes it and, through the foreign key's cascade, its messages. */
export const DELETE = apiRoute<{ id: string }>(async (request, context, caller) => {
  await deleteUserConversation(caller, await conversationId(context));
  return new Response(null, { status: 204 });
});

export const OPTIONS = preflight;
