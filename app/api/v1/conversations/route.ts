import { conversationJson } from '@/lib/conversations/json';
import { apiRoute, preflight } from '@/lib/api/route';
import { pageOfConversations, startConversation } from '@/lib/conversations/service';
import { createConversationRequest, listConversationsQuery } from '@/lib/conversations/schemas';
import { parseWith, queryOf, readJson } from '@/lib/validation/parse';

/** The caller's conversations, most recently active first; `companion` (slug or id) filters. */
export const GET = apiRoute(async (request, context, caller) => {
  const page = await pageOfConversations(caller, parseWith(listConversationsQuery, queryOf(request)));
  return Response.json({ data: page.items.map(conversationJson), next_cursor: page.nextCursor });
});

/** Starts a conversation that opens with the companion's greeting. */
export const POST = apiRoute(async (request, context, caller) => {
  const input = parseWith(createConversationRequest, await readJson(request));
  return Response.json(conversationJson(await startConversation(caller, input)), { status: 201 });
});

export const OPTIONS = preflight;
