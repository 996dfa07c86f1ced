import { JsonToSseTransformStream, readUIMessageStream, type UIMessage, type UIMessageChunk } from 'ai';
import { describe, expect, it } from 'vitest';
import { ReplyBuilder, uiMessageChunks } from './ui-stream-reader';

/** A reply as /api/chat sends one: metadata first, text in pieces, the picture tool, a file, two steps. */
const REPLY: UIMessageChunk[] = [
  { type: 'start', messageId: 'reply-1', messageMetadata: { model: 'offline/hearth-demo', userMessageId: 'user-1' } },
  { type: 'start-step' },
  { type: 'text-start', id: 't1' },
  { type: 'text-delta', id: 't1', delta: 'Here is **a** ' },
  { type: 'text-delta', id: 't1', delta: 'picture — ünïcode 🌅\n\n' },
  { type: 'text-end', id: 't1' },
  { type: 'tool-input-start', toolCallId: 'call-1', toolName: 'generate_image' },
  { type: 'tool-input-delta', toolCallId: 'call-1', inputTextDelta: '{"prompt":"a sun' },
  { type: 'tool-input-available', toolCallId: 'call-1', toolName: 'generate_image', input: { prompt: 'a sunset' } },
  { type: 'tool-output-available', toolCallId: 'call-1', output: { url: '/api/v1/uploads/1/content' } },
  { type: 'tool-input-start', toolCallId: 'call-2', toolName: 'generate_image' },
  { type: 'tool-input-available', toolCallId: 'call-2', toolName: 'generate_image', input: { prompt: 'a moon' } },
  { type: 'tool-output-error', toolCallId: 'call-2', errorText: 'The picture service is down.' },
  { type: 'finish-step' },
  { type: 'start-step' },
  { type: 'file', url: '/api/v1/uploads/2/content', mediaType: 'image/png' },
  { type: 'reasoning-start', id: 'r1' },
  { type: 'reasoning-delta', id: 'r1', delta: 'thinking' },
  { type: 'reasoning-end', id: 'r1' },
  { type: 'text-start', id: 't2' },
  { type: 'text-delta', id: 't2', delta: 'Done.' },
  { type: 'text-end', id: 't2' },
  { type: 'data-note', id: 'n1', data: { v: 1 } },
  { type: 'data-note', id: 'n1', data: { v: 2 } },
  { type: 'finish-step' },
  { type: 'message-metadata', messageMetadata: { status: 'complete' } },
  { type: 'finish', finishReason: 'stop' },
];

/** The bytes the server writes (the SDK's own SSE encoder), cut into pieces of `size` bytes. */
function sseBody(chunks: UIMessageChunk[], size: number): ReadableStream<Uint8Array<ArrayBuffer>> {
  return new ReadableStream<UIMessageChunk>({
    start(controller) {
      chunks.forEach((chunk) => controller.enqueue(chunk));
      controller.close();
    },
  })
    .pipeThrough(new JsonToSseTransformStream())
    .pipeThrough(new TextEncoderStream())
    .pipeThrough(
      new TransformStream<Uint8Array, Uint8Array<ArrayBuffer>>({
        transform(bytes, controller) {
          for (let i = 0; i < bytes.length; i += size) controller.enqueue(new Uint8Array(bytes.slice(i, i + size)));
        },
      }),
    );
}

async function ours(chunks: UIMessageChunk[], size = 7, replay = false): Promise<UIMessage> {
  const reply = new ReplyBuilder<UIMessage>('generated', replay);
  for await (const chunk of uiMessageChunks(sseBody(chunks, size))) reply.apply(chunk);
  return reply.message;
}

async function theSdks(chunks: UIMessageChunk[]): Promise<UIMessage> {
  let last: UIMessage | undefined;
  const stream = new ReadableStream<UIMessageChunk>({
    start(controller) {
      chunks.forEach((chunk) => controller.enqueue(chunk));
      controller.close();
    },
  });
  for await (const message of readUIMessageStream({ stream })) last = message;
  return last!;
}

/** What the page reads of a message: the SDK also records fields this page never shows. */
const shown = (message: UIMessage) =>
  JSON.parse(
    JSON.stringify(message, (key, value) =>
      ['providerMetadata', 'rawInput', 'title', 'preliminary', 'providerExecuted', 'callProviderMetadata'].includes(key)
        ? undefined
        : value,
    ),
  );

describe('the chat page’s UI message stream reader', () => {
  it('builds the same message as the AI SDK’s reader, whatever the byte boundaries', async () => {
    const expected = shown(await theSdks(REPLY));
    expect(expected.parts.map((part: { type: string }) => part.type)).toEqual([
      'step-start',
      'text',
      'tool-generate_image',
      'tool-generate_image',
      'step-start',
      'file',
      'reasoning',
      'text',
      'data-note',
    ]);
    for (const size of [1, 3, 64, 100_000]) expect(shown(await ours(REPLY, size))).toEqual(expected);
  });

  it('throws the text of an error chunk, as useChat does', async () => {
    const failing: UIMessageChunk[] = [...REPLY.slice(0, 5), { type: 'error', errorText: 'The model is overloaded.' }];
    await expect(ours(failing)).rejects.toThrow('The model is overloaded.');
  });

  it('starts over on a replay’s first start, and keeps the id the server gave', async () => {
    const reply = new ReplyBuilder<UIMessage>('generated', true);
    reply.message = { id: 'reply-1', role: 'assistant', parts: [{ type: 'text', text: 'stale' }] };
    for await (const chunk of uiMessageChunks(sseBody(REPLY, 50))) reply.apply(chunk);
    expect(reply.message.id).toBe('reply-1');
    expect(shown(reply.message)).toEqual(shown(await theSdks(REPLY)));
    expect(reply.finishReason).toBe('stop');
  });

  it('ends at [DONE] and refuses what is not a chunk', async () => {
    const body = (text: string) =>
      new ReadableStream<Uint8Array<ArrayBuffer>>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>);
          controller.close();
        },
      });
    const read = async (text: string) => {
      const chunks: UIMessageChunk[] = [];
      for await (const chunk of uiMessageChunks(body(text))) chunks.push(chunk);
      return chunks;
    };
    expect(
      await read('data: {"type":"start"}\r\n\r\n: a comment\n\ndata: [DONE]\n\ndata: {"type":"finish"}\n\n'),
    ).toEqual([{ type: 'start' }]);
    await expect(read('data: <html>\n\n')).rejects.toThrow('The reply could not be read.');
  });
});
