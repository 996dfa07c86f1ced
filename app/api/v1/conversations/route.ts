import { z } from 'zod';
import { conversationJson } from '@/lib/api/conversations';
import { requireApiUser } from '@/lib/auth/api-user';
import { pageOfConversations, startConversation } from '@/lib/chat/conversations';
import { errorResponse } from '@/lib/errors';
import { conversationTitle, language, modelId } from '@/lib/validation/chat';
import { listConversationsQuery } from '@/lib/validation/conversations';
import { parseWith, queryOf, readJson } from '@/lib/validation/parse';

const createConversation = z.object({
  companion: z.string().min(1, 'Name a companion by slug or id.').max(64),
  language: language.optional(),
  title: conversationTitle.optional(),
  model: modelId.optional(),
});

/** The caller's conversations, most recently active first; `companion` (slug or id) filters. */
export async function GET(request: Request) {
  try {
    const user = await requireApiUser(request);
    const page = await pageOfConversations(user, parseWith(listConversationsQuery, queryOf(request)));
    return Response.json({ data: page.items.map(conversationJson), next_cursor: page.nextCursor });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Starts a conversation that opens with the companion's greeting. */
export async function POST(request: Request) {
  try {
    const user = await requireApiUser(request);
    const input = parseWith(createConversation, await readJson(request));
    return Response.json(conversationJson(await startConversation(user, input)), { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
