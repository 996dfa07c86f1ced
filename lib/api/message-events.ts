import type { FinishReason } from 'ai';
import type { ChatTurn } from '@/lib/chat/pipeline';
import { replyEventsBody, type ReplyEvent } from './reply-events';
import { SSE_HEADERS } from './sse';

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
  const body = replyEventsBody(turn, (reply) => encodeEvent(turn, reply), {
    message: event('ping', {}),
    intervalMs: options.pingIntervalMs ?? PING_INTERVAL_MS,
  });
  return new Response(body, { headers: SSE_HEADERS });
}

/** One reply event as its SSE text: one Anthropic event, or the few it stands for. */
function encodeEvent(turn: ChatTurn, reply: ReplyEvent): string {
  switch (reply.type) {
    case 'start':
      return (
        event('message_start', {
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
        }) + event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } })
      );
    case 'text':
      return event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: reply.text } });
    case 'end':
      return (
        event('content_block_stop', { index: 0 }) +
        event('message_delta', {
          delta: { stop_reason: STOP_REASONS[reply.finishReason], stop_sequence: null },
          usage: { input_tokens: reply.usage.inputTokens, output_tokens: reply.usage.outputTokens },
        }) +
        event('message_stop', {})
      );
    case 'error':
      return event('error', { error: reply.error });
  }
}

function event(type: string, data: object): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
}
