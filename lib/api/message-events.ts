import type { FinishReason } from 'ai';
import type { ChatTurn } from '@/lib/chat/pipeline';
import { replyEvents, type ReplyEvent } from './reply-events';
import { SSE_HEADERS, sseStream } from './sse';

export const PING_INTERVAL_MS = 15_000;

/** Anthropic's stop reasons for the AI SDK's finish reasons. */
const STOP_REASONS: Record<FinishReason, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  'content-filter': 'refusal',
  'tool-calls': 'tool_use',
  error: 'end_turn',
  interrupted: 'end_turn',
  other: 'end_turn',
};

/**
 * A turn as Anthropic-style Messages API events (`event: <type>` and a JSON `data` with the same
 * type), the REST API's stream: message_start, one text content block, message_delta with the stop
 * reason and usage, message_stop; or an `error` event after which nothing follows.
 */
export function messageEventsResponse(turn: ChatTurn, options: { pingIntervalMs?: number } = {}): Response {
  const body = sseStream(encode(turn), {
    message: event('ping', {}),
    intervalMs: options.pingIntervalMs ?? PING_INTERVAL_MS,
  });
  return new Response(body, { headers: SSE_HEADERS });
}

async function* encode(turn: ChatTurn): AsyncGenerator<string> {
  for await (const reply of replyEvents(turn)) yield* encodeEvent(turn, reply);
}

function* encodeEvent(turn: ChatTurn, reply: ReplyEvent): Generator<string> {
  switch (reply.type) {
    case 'start':
      yield event('message_start', {
        message: {
          id: turn.assistantMessageId,
          type: 'message',
          role: 'assistant',
          content: [],
          model: reply.model,
          conversation_id: turn.conversationId,
          user_message_id: turn.userMessageId,
          stop_reason: null,
          usage: { input_tokens: 0, output_tokens: 0 },
        },
      });
      yield event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
      return;
    case 'text':
      yield event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: reply.text } });
      return;
    case 'end':
      yield event('content_block_stop', { index: 0 });
      yield event('message_delta', {
        delta: { stop_reason: STOP_REASONS[reply.finishReason], stop_sequence: null },
        usage: { input_tokens: reply.usage.inputTokens, output_tokens: reply.usage.outputTokens },
      });
      yield event('message_stop', {});
      return;
    case 'error':
      yield event('error', { error: reply.error });
  }
}

function event(type: string, data: object): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
}
