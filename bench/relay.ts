// `npm run bench:relay`: the server's CPU per relayed token of the web chat's encoding, apart from
// the network and the model: the same replies' parts encoded as the AI SDK's chain does it
// (toUIMessageStream, then createUIMessageStreamResponse with its SSE transform, its tee for the
// recording and its TextEncoderStream) and as Hearth's one pass does it (uiMessageStreamResponse),
// each body and recording read to the end. CPU is process.cpuUsage() over the whole run.
import { createUIMessageStreamResponse, toUIMessageStream } from 'ai';
import type { Part, PartSink } from '@/lib/chat/generation';
import { uiMessageStreamResponse } from '@/lib/chat/ui-message-response';

const REPLIES = 3000;
const TOKENS = 64;
const ROUNDS = 3;
const metadata = { model: 'openai/gpt-4o-mini', offline: false, userMessageId: 'u', fallbacks: [] };
const onError = () => 'failed';

function replyParts(): Part[] {
  const usage = { inputTokens: 10, outputTokens: TOKENS, totalTokens: 10 + TOKENS };
  return [
    { type: 'start' },
    { type: 'start-step', request: {}, warnings: [] },
    { type: 'text-start', id: 't0' },
    ...Array.from({ length: TOKENS }, (_, i) => ({ type: 'text-delta', id: 't0', text: `word${i} ` })),
    { type: 'text-end', id: 't0' },
    { type: 'finish-step', response: { id: 'r', timestamp: new Date(0), modelId: 'm' }, usage, finishReason: 'stop' },
    { type: 'finish', finishReason: 'stop', totalUsage: usage },
  ] as unknown as Part[];
}

const drain = async (stream: ReadableStream<unknown>) => {
  for await (const chunk of stream) void chunk;
};

async function sdkChain(parts: Part[]) {
  let recording: Promise<void> = Promise.resolve();
  const response = createUIMessageStreamResponse({
    stream: toUIMessageStream({
      stream: new ReadableStream<Part>({
        start(controller) {
          parts.forEach((part) => controller.enqueue(part));
          controller.close();
        },
      }),
      generateMessageId: () => 'reply',
      messageMetadata: ({ part }) => (part.type === 'start' ? metadata : undefined),
      onError,
    }),
    consumeSseStream: ({ stream }) => void (recording = drain(stream)),
  });
  await Promise.all([drain(response.body!), recording]);
}

async function onePass(parts: Part[]) {
  let recording: Promise<void> = Promise.resolve();
  const response = uiMessageStreamResponse({
    pipe: (sink: PartSink) => {
      parts.forEach((part) => sink.write(part));
      sink.end();
    },
    messageId: 'reply',
    startMetadata: () => metadata,
    onError,
    consumeSseStream: ({ stream }) => void (recording = drain(stream)),
  });
  await Promise.all([drain(response.body!), recording]);
}

async function cpuPerToken(encode: (parts: Part[]) => Promise<void>): Promise<number> {
  const parts = replyParts();
  const before = process.cpuUsage();
  for (let i = 0; i < REPLIES; i++) await encode(parts);
  const spent = process.cpuUsage(before);
  return (spent.user + spent.system) / 1000 / (REPLIES * TOKENS);
}

for (const encode of [sdkChain, onePass]) await cpuPerToken(encode); // warm-up
const results: Record<string, number[]> = { sdkChain: [], onePass: [] };
for (let round = 0; round < ROUNDS; round++) {
  results.sdkChain!.push(await cpuPerToken(sdkChain));
  results.onePass!.push(await cpuPerToken(onePass));
}
const best = (values: number[]) => Math.min(...values);
console.log(`CPU per relayed token, best of ${ROUNDS} runs of ${REPLIES} replies × ${TOKENS} tokens:`);
for (const [name, values] of Object.entries(results))
  console.log(
    `  ${name.padEnd(9)} ${(best(values) * 1000).toFixed(2)} µs (runs: ${values.map((v) => (v * 1000).toFixed(2)).join(', ')} µs)`,
  );
console.log(
  `  one pass uses ${((best(results.onePass!) / best(results.sdkChain!)) * 100).toFixed(0)}% of the chain's CPU`,
);
