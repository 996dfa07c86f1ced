import { toUIMessageChunk, UI_MESSAGE_STREAM_HEADERS, type UIMessageChunk } from 'ai';
import type { Part, PartSink } from './generation';

type Options = {
  /** Where the reply's parts come from (a turn's `pipe`). */
  pipe: (sink: PartSink) => unknown;
  messageId: string;
  /** Sent with the `start` chunk, read when that part arrives (by when a fallback has taken over). */
  startMetadata: () => unknown;
  /** The text a failure shows the person. */
  onError: (error: unknown) => string;
  headers?: Record<string, string>;
  /** Gets a copy of the SSE text as it is sent, which goes on when the client leaves (a recording). */
  consumeSseStream?: (copy: { stream: ReadableStream<string> }) => void;
};

/**
 * The web chat's response: the AI SDK's UI message stream (what `createUIMessageStreamResponse`
 * over `toUIMessageStream` sends, byte for byte; ui-message-response.test.ts compares them), made
 * in one pass: each part is turned into its chunk, its SSE text and its bytes as the model writes
 * it, with no chain of streams between the model and the socket.
 */
export function uiMessageStreamResponse({
  pipe,
  messageId,
  startMetadata,
  onError,
  headers,
  consumeSseStream,
}: Options) {
  const encoder = new TextEncoder();
  let body: ReadableStreamDefaultController<Uint8Array> | null = null;
  let copy: ReadableStreamDefaultController<string> | null = null;
  if (consumeSseStream)
    consumeSseStream({
      stream: new ReadableStream<string>({
        start: (controller) => void (copy = controller),
        cancel: () => void (copy = null),
      }),
    });

  const send = (sse: string) => {
    copy?.enqueue(sse);
    body?.enqueue(encoder.encode(sse));
  };
  const encode = uiMessageChunks({ messageId, startMetadata, onError });
  const sink: PartSink = {
    write(part) {
      const chunk = encode(part);
      if (chunk) send(`data: ${JSON.stringify(chunk)}\n\n`);
    },
    end() {
      send('data: [DONE]\n\n');
      copy?.close();
      body?.close();
      copy = body = null;
    },
  };

  return new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        body = controller;
        pipe(sink);
      },
      // The page went away: the reply goes on, and so does its recording.
      cancel: () => void (body = null),
    }),
    { headers: { ...UI_MESSAGE_STREAM_HEADERS, ...headers } },
  );
}

/**
 * A reply's parts as UI message chunks, as `toUIMessageStream` makes them for a reply whose
 * metadata goes only on its start: undefined for a part the page is not sent (among them the
 * error of a tool call the model made up, which the call's own error chunk has reported).
 */
function uiMessageChunks({
  messageId,
  startMetadata,
  onError,
}: Pick<Options, 'messageId' | 'startMetadata' | 'onError'>) {
  const invalidToolCalls = new Set<string>();
  return (part: Part): UIMessageChunk | undefined => {
    if (part.type === 'tool-call' && part.invalid) invalidToolCalls.add(part.toolCallId);
    if (part.type === 'tool-error' && !part.providerExecuted && invalidToolCalls.delete(part.toolCallId)) return;
    return toUIMessageChunk(part, {
      onError,
      responseMessageId: messageId,
      messageMetadata: part.type === 'start' ? startMetadata() : undefined,
    });
  };
}
