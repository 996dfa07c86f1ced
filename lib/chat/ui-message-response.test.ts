import {
  createUIMessageStreamResponse,
  parseJsonEventStream,
  readUIMessageStream,
  toUIMessageStream,
  uiMessageChunkSchema,
  type UIMessage,
  type UIMessageChunk,
} from 'ai';
import { describe, expect, it } from 'vitest';
import type { Part, PartSink } from './generation';
import { uiMessageStreamResponse } from './ui-message-response';

const MESSAGE_ID = 'reply-1';
const metadata = { model: 'openai/gpt-4o-mini', offline: false, userMessageId: 'user-1', fallbacks: [] };
const onError = (error: unknown) => `failed: ${(error as Error).message}`;
const usage = { inputTokens: 12, outputTokens: 3, totalTokens: 15 };

const parts = (...list: object[]) => list as Part[];
const text = (...deltas: string[]) => [
  { type: 'text-start', id: 't0' },
  ...deltas.map((delta) => ({ type: 'text-delta', id: 't0', text: delta })),
  { type: 'text-end', id: 't0' },
];
const step = (...inner: object[]) => [
  { type: 'start-step', request: {}, warnings: [] },
  ...inner,
  { type: 'finish-step', response: { id: 'r', timestamp: new Date(0), modelId: 'm' }, usage, finishReason: 'stop' },
];

const REPLIES: Record<string, Part[]> = {
  'a plain reply, with quotes, new lines and emoji': parts(
    { type: 'start' },
    ...step(...text('Hello, ', '"friend"\n', 'it’s 🌱 <b>time</b>\u2028.')),
    { type: 'finish', finishReason: 'stop', totalUsage: usage },
  ),
  'reasoning, then text': parts(
    { type: 'start' },
    ...step(
      { type: 'reasoning-start', id: 'r0' },
      { type: 'reasoning-delta', id: 'r0', text: 'Thinking.' },
      { type: 'reasoning-end', id: 'r0' },
      ...text('Done.'),
    ),
    { type: 'finish', finishReason: 'stop', totalUsage: usage },
  ),
  'a picture tool call over two steps, with a file': parts(
    { type: 'start' },
    ...step(
      { type: 'tool-input-start', id: 'call-1', toolName: 'draw' },
      { type: 'tool-input-delta', id: 'call-1', delta: '{"prompt":"a fox"}' },
      { type: 'tool-input-end', id: 'call-1' },
      { type: 'tool-call', toolCallId: 'call-1', toolName: 'draw', input: { prompt: 'a fox' } },
      {
        type: 'tool-result',
        toolCallId: 'call-1',
        toolName: 'draw',
        input: { prompt: 'a fox' },
        output: { url: '/x' },
      },
    ),
    ...step({ type: 'file', file: { mediaType: 'image/png', base64: 'iVBORw0KGgo=' } }, ...text('Here it is.')),
    { type: 'finish', finishReason: 'stop', totalUsage: usage },
  ),
  'a tool call the model made up': parts(
    { type: 'start' },
    ...step(
      { type: 'tool-call', toolCallId: 'bad', toolName: 'nope', input: {}, invalid: true, error: new Error('no tool') },
      { type: 'tool-error', toolCallId: 'bad', toolName: 'nope', input: {}, error: new Error('no tool') },
      ...text('Sorry.'),
    ),
    { type: 'finish', finishReason: 'stop', totalUsage: usage },
  ),
  'a failure mid-reply': parts({ type: 'start' }, { type: 'start-step', request: {}, warnings: [] }, ...text('Half'), {
    type: 'error',
    error: new Error('provider went away'),
  }),
  'a stopped reply': parts({ type: 'start' }, ...step(...text('Stop')), { type: 'abort', reason: 'stopped' }),
};

function replay(list: Part[]) {
  return (sink: PartSink) => {
    list.forEach((part) => sink.write(part));
    sink.end();
  };
}

function sdkResponse(list: Part[]): Response {
  return createUIMessageStreamResponse({
    stream: toUIMessageStream({
      stream: new ReadableStream<Part>({
        start(controller) {
          list.forEach((part) => controller.enqueue(part));
          controller.close();
        },
      }),
      generateMessageId: () => MESSAGE_ID,
      messageMetadata: ({ part }) => (part.type === 'start' ? metadata : undefined),
      onError,
    }),
  });
}

function ourResponse(list: Part[], consumeSseStream?: (copy: { stream: ReadableStream<string> }) => void): Response {
  return uiMessageStreamResponse({
    pipe: replay(list),
    messageId: MESSAGE_ID,
    startMetadata: () => metadata,
    onError,
    consumeSseStream,
  });
}

/** The message @ai-sdk/react would show, read with the SDK's own parser and reader. */
async function readWithSdk(response: Response): Promise<UIMessage | undefined> {
  const chunks = parseJsonEventStream({ stream: response.body!, schema: uiMessageChunkSchema }).pipeThrough(
    new TransformStream({
      transform(result, controller) {
        if (!result.success) throw result.error;
        controller.enqueue(result.value as UIMessageChunk);
      },
    }),
  );
  let last: UIMessage | undefined;
  for await (const message of readUIMessageStream({ stream: chunks })) last = message;
  return last;
}

describe('the web chat’s one-pass UI message stream', () => {
  for (const [name, list] of Object.entries(REPLIES)) {
    it(`sends what createUIMessageStreamResponse(toUIMessageStream()) sends, byte for byte: ${name}`, async () => {
      const [ours, sdk] = [ourResponse(list), sdkResponse(list)];
      expect(Object.fromEntries(ours.headers)).toEqual(Object.fromEntries(sdk.headers));
      expect(await ours.text()).toBe(await sdk.text());
    });
  }

  it('is read by the AI SDK’s own parser and reader into the reply', async () => {
    const message = await readWithSdk(ourResponse(REPLIES['a plain reply, with quotes, new lines and emoji']!));
    expect(message?.id).toBe(MESSAGE_ID);
    expect(message?.metadata).toEqual(metadata);
    expect(message?.parts.filter((p) => p.type === 'text').map((p) => p.text)).toEqual([
      'Hello, "friend"\nit’s 🌱 <b>time</b>\u2028.',
    ]);
  });

  it('reads the start metadata when the start part arrives, not before', async () => {
    let model = 'first/model';
    let sink!: PartSink;
    const response = uiMessageStreamResponse({
      pipe: (to) => void (sink = to),
      messageId: MESSAGE_ID,
      startMetadata: () => ({ model }),
      onError,
    });
    model = 'fallback/model';
    sink.write({ type: 'start' } as Part);
    sink.end();
    expect(await response.text()).toContain('"messageMetadata":{"model":"fallback/model"}');
  });

  it('keeps recording the reply after the page leaves', async () => {
    let recording!: ReadableStream<string>;
    let sink!: PartSink;
    const response = uiMessageStreamResponse({
      pipe: (to) => void (sink = to),
      messageId: MESSAGE_ID,
      startMetadata: () => metadata,
      onError,
      consumeSseStream: ({ stream }) => void (recording = stream),
    });
    const [first, ...rest] = REPLIES['a plain reply, with quotes, new lines and emoji']!;
    sink.write(first!);
    await response.body!.cancel();
    rest.forEach((part) => sink.write(part));
    sink.end();
    const recorded = (await Array.fromAsync(recording)).join('');
    expect(recorded).toBe(await sdkResponse(REPLIES['a plain reply, with quotes, new lines and emoji']!).text());
  });
});
