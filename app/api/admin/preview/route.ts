import { adminRoute } from '@/lib/api/admin-route';
import { replyEventsBody } from '@/lib/api/reply-events';
import { previewReply } from '@/lib/personas/preview';
import { parseWith, readJson } from '@/lib/validation/parse';
import { previewRequest } from '@/lib/personas/schemas';

// A reply streams for as long as the model writes: the most Vercel's Hobby plan allows. The
// generation's own cap (MODEL_TOTAL_TIMEOUT_MS, lib/chat/generation.ts) ends it a little before,
// so the reply is saved before the platform would kill the function.
export const maxDuration = 300;

/**
 * The studio's live preview: the unsaved draft's reply as newline-delimited JSON events (start,
 * text, end or error). Nothing is stored.
 */
export const POST = adminRoute(async (request, _context, admin) => {
  const { fields, messages } = parseWith(previewRequest, await readJson(request));
  const reply = await previewReply(admin, fields, messages);
  const body = replyEventsBody(reply, (event) => `${JSON.stringify(event)}\n`);
  return new Response(body, {
    headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' },
  });
});
