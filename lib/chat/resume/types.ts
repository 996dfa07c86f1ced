/**
 * Replies being written, kept replayable so that a page that reloads or loses its connection
 * mid-reply picks the reply up where it is. Each is the web chat's UI message stream as the POST
 * sent it (its SSE text chunks), recorded while the generation runs. Once a reply ends it is not
 * resumed: its stream closes only after the reply is saved, so the database has it.
 */
export type ReplyStreams = {
  /**
   * Reads a reply's SSE stream to its end, as its conversation's reply to resume (a newer reply
   * in the same conversation takes over). Never rejects: a failure to record only means that
   * reply cannot be resumed.
   */
  record(reply: RecordedReply, sse: ReadableStream<string>): Promise<void>;
  /**
   * The conversation's reply being written, from its first chunk, then live until it ends; null
   * when there is none (none was recorded, it has ended, or it was too large to keep).
   */
  resume(conversationId: string): Promise<ReadableStream<string> | null>;
};

export type RecordedReply = { conversationId: string; replyId: string };
