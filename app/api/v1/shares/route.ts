import { apiRoute, preflight } from '@/lib/api/route';
import { shareJson } from '@/lib/sharing/json';
import { createShareRequest, listSharesQuery } from '@/lib/sharing/schemas';
import { listShares, shareConversation } from '@/lib/sharing/service';
import { publicOrigin } from '@/lib/uploads/json';
import { parseWith, queryOf, readJson } from '@/lib/validation/parse';

/** The caller's live shared links, newest first; of one conversation with ?conversation=. */
export const GET = apiRoute(async (request, context, caller) => {
  const { conversation } = parseWith(listSharesQuery, queryOf(request));
  const links = await listShares(caller, conversation);
  const origin = publicOrigin(request);
  return Response.json(
    { data: links.map((link) => shareJson(link, origin)) },
    { headers: { 'cache-control': 'no-store' } },
  );
});

/** A new link to a copy of the conversation as it is now. */
export const POST = apiRoute(async (request, context, caller) => {
  const input = parseWith(createShareRequest, await readJson(request));
  const link = await shareConversation(caller, { conversationId: input.conversation, showName: input.show_name });
  return Response.json(shareJson(link, publicOrigin(request)), { status: 201 });
});

export const OPTIONS = preflight;
