import { apiRoute, preflight } from '@/lib/api/route';
import { exportConversation } from '@/lib/export/conversation';
import { attachment } from '@/lib/export/filename';
import { conversationExportQuery } from '@/lib/export/schemas';
import { pathId } from '@/lib/validation/ids';
import { parseWith, queryOf } from '@/lib/validation/parse';

/** The caller's conversation as a Markdown or JSON download; anyone else's is "not found". */
export const GET = apiRoute<{ id: string }>(async (request, context, caller) => {
  const { id } = parseWith(pathId, await context.params);
  const { format } = parseWith(conversationExportQuery, queryOf(request));
  const file = await exportConversation(caller, id, format);
  return new Response(file.text, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': attachment(file.fileName),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});

export const OPTIONS = preflight;
