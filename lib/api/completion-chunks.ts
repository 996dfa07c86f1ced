import type { FinishReason } from 'ai';
import { z } from 'zod';
import type { Completion } from '@/lib/chat/completion';
import { HearthError } from '@/lib/errors';
import { pipeReplyEvents, replyEventsBody, type ReplyEvent } from './reply-events';
import { SSE_HEADERS } from './sse';

const KEEP_ALIVE_MS = 15_000;

/** OpenAI's finish reasons for the AI SDK's. */
const FINISH_REASONS: Record<FinishReason, string> = {
  stop: 'stop',
  length: 'length',
  'content-filter': 'content_filter',
  'tool-calls': 'tool_calls',
  error: 'stop',
  interrupted: 'stop',
  other: 'stop',
};

type Usage = Extract<ReplyEvent, { type: 'end' }>['usage'];

/**
 * A completion as OpenAI's streaming chunks (`data: {chat.completion.chunk}` … `data: [DONE]`).
 * The last chunk carries the finish reason and the usage. A failure is OpenAI's in-stream
 * `data: {"error": …}` with no [DONE] after it.
 */
export function completionChunksResponse(completion: Completion, options: { keepAliveMs?: number } = {}): Response {
  const body = replyEventsBody(completion, chunkEncoder(completion), {
    // An SSE comment: every client skips it.
    message: ': ping\n\n',
    intervalMs: options.keepAliveMs ?? KEEP_ALIVE_MS,
  });
  return new Response(body, { headers: SSE_HEADERS });
}

/** Each reply event as its chunks' SSE text; the chunks name the model that answers. */
function chunkEncoder(completion: Completion) {
  let model = completion.model.id;
  const chunk = (delta: object, finishReason: string | null, usage?: Usage) =>
    data({
      id: completion.id,
      object: 'chat.completion.chunk',
      created: completion.created,
      model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(usage && { usage: usageJson(usage) }),
    });
  return (event: ReplyEvent): string => {
    switch (event.type) {
      case 'start':
        model = event.model;
        return chunk({ role: 'assistant', content: '' }, null);
      case 'text':
        return chunk({ content: event.text }, null);
      case 'end':
        return chunk({}, FINISH_REASONS[event.finishReason], event.usage) + 'data: [DONE]\n\n';
      case 'error':
        return data({ error: event.error });
    }
  };
}

export const chatCompletionJsonSchema = z
  .object({
    id: z.string(),
    object: z.literal('chat.completion'),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z.object({
        index: z.number().int(),
        message: z.object({ role: z.literal('assistant'), content: z.string(), refusal: z.null() }),
        logprobs: z.null(),
        finish_reason: z.string(),
      }),
    ),
    usage: z.object({
      prompt_tokens: z.number().int(),
      completion_tokens: z.number().int(),
      total_tokens: z.number().int(),
    }),
  })
  .meta({ id: 'ChatCompletion' });

/** A completion as OpenAI's `chat.completion` object, once the reply is saved; a failed reply is a 502. */
export async function completionJson(completion: Completion): Promise<z.output<typeof chatCompletionJsonSchema>> {
  let model = completion.model.id;
  let text = '';
  let end: Extract<ReplyEvent, { type: 'end' }> | undefined;
  let failure = 'The reply ended without a result.';
  await pipeReplyEvents(completion, (event) => {
    if (event.type === 'start') model = event.model;
    else if (event.type === 'text') text += event.text;
    else if (event.type === 'end') end = event;
    else failure = event.error.message;
  });
  if (!end) throw new HearthError('provider_failed', failure);
  return {
    id: completion.id,
    object: 'chat.completion',
    created: completion.created,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text, refusal: null },
        logprobs: null,
        finish_reason: FINISH_REASONS[end.finishReason],
      },
    ],
    usage: usageJson(end.usage),
  };
}

function usageJson(usage: Usage) {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

function data(value: object): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}
