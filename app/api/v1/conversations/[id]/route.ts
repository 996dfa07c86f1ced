import { conversationJson } from '@/lib/api/conversations';
import { requireApiUser } from '@/lib/auth/api-user';
import { deleteUserConversation, findUserConversation, updateUserConversation } from '@/lib/chat/conversations';
import { errorResponse, HearthError } from '@/lib/errors';
import { pathId } from '@/lib/validation/chat';
import { updateConversationRequest } from '@/lib/validation/conversations';
import { parseWith, readJson } from '@/lib/validation/parse';

type Context = { params: Promise<{ id: string }> };

async function conversationId(context: Context): Promise<string> {
  return parseWith(pathId, await context.params).id;
}

export async function GET(request: Request, context: Context) {
  try {
    const user = await requireApiUser(request);
    const conversation = await findUserConversation(user, await conversationId(context));
    if (!conversation) throw new HearthError('not_found', 'This conversation does not exist.');
    return Response.json(conversationJson(conversation));
  } catch (error) {
    return errorResponse(error);
  }
}

/** Renames it and/or switches its model (503 when that model's provider is not configured). */
export async function PATCH(request: Request, context: Context) {
  try {
    const user = await requireApiUser(request);
    const id = await conversationId(context);
    const changes = parseWith(updateConversationRequest, await readJson(request));
    return Response.json(conversationJson(await updateUserConversation(user, id, changes)));
  } catch (error) {
    return errorResponse(error);
  }
}

/** Deletes it and, through the foreign key's cascade, its messages. */
export async function DELETE(request: Request, context: Context) {
  try {
    const user = await requireApiUser(request);
    await deleteUserConversation(user, await conversationId(context));
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
