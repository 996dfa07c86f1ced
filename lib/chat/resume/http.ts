import { UI_MESSAGE_STREAM_HEADERS } from 'ai';
import type { Database } from '@/lib/db/client';
import { closeStaleReplies, cutOffRepliesOf } from '@/lib/conversations/messages';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { listenForStops } from '../stop-everywhere';
import { replyStreams } from './reply-streams';

/**
 * For the web chat's POST: records the reply's stream exactly as the response sends it (the
 * `consumeSseStream` of `createUIMessageStreamResponse`, a tee of the same stream), so that a page
 * that reloads or drops its connection can pick the reply up.
 */
export function recordReply(turn: { conversationId: string; assistantMessageId: string }) {
  // A page reconnected through another process may send its Stop there.
  listenForStops();
  return ({ stream }: { stream: ReadableStream<string> }) =>
    void replyStreams().record({ conversationId: turn.conversationId, replyId: turn.assistantMessageId }, stream);
}

/**
 * The answer to `GET /api/chat/{id}/stream` (the AI SDK's reconnect): the conversation's reply
 * being written, from its first chunk then live, or 204 when there is none (the database has the
 * reply). A reply cut off mid-stream (its function killed) is closed on the way and not resumed:
 * nothing will ever write the rest of it. Someone else's conversation is not found.
 */
export async function resumeReplyResponse(user: UserScope, conversationId: string, db?: Database): Promise<Response> {
  const cutOff = await withUser(
    user,
    async (tx) => {
      const stale = await cutOffRepliesOf(tx, conversationId);
      if (stale?.length) await closeStaleReplies(tx, stale);
      return stale;
    },
    db,
  );
  if (!cutOff) throw new HearthError('not_found', 'This conversation does not exist.');
  if (cutOff.length) return new Response(null, { status: 204 });
  const stream = await replyStreams().resume(conversationId);
  if (!stream) return new Response(null, { status: 204 });
  return new Response(stream.pipeThrough(new TextEncoderStream()), { headers: UI_MESSAGE_STREAM_HEADERS });
}
