import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { UIMessageChunk } from 'ai';
import type { ChatUIMessage } from '@/lib/conversations/ui-messages';
import { textOf } from '@/lib/text';
import { useChatStream } from './use-chat-stream';

/** A reply's SSE body, as /api/chat sends it, arriving in one piece. */
function replyBody(chunks: UIMessageChunk[]): Response {
  const sse = [...chunks.map((chunk) => JSON.stringify(chunk)), '[DONE]'].map((data) => `data: ${data}\n\n`).join('');
  return new Response(sse, { headers: { 'content-type': 'text/event-stream' } });
}

const words = ['Your ', 'voice ', 'note ', 'came ', 'through, ', 'but ', 'I ', 'couldn’t ', 'make ', 'it ', 'out.'];

describe('useChatStream', () => {
  it('shows the whole reply, with the message it answers under its stored id', async () => {
    let counter = 0;
    const { result } = renderHook(() =>
      useChatStream({
        initialMessages: [],
        api: '/api/chat',
        chatId: 'c1',
        requestBody: (request) => request,
        generateId: () => `browser-${++counter}`,
        fetch: async () =>
          replyBody([
            { type: 'start', messageId: 'reply-1', messageMetadata: { userMessageId: 'stored-1' } },
            { type: 'text-start', id: 't' },
            ...words.map((delta) => ({ type: 'text-delta' as const, id: 't', delta })),
            { type: 'text-end', id: 't' },
            { type: 'finish', finishReason: 'stop' },
          ]),
      }),
    );
    await act(() => result.current.sendMessage({ text: 'A voice note' }));
    const shown: ChatUIMessage[] = result.current.messages;
    expect(shown.map((m) => [m.role, m.id])).toEqual([
      ['user', 'stored-1'],
      ['assistant', 'reply-1'],
    ]);
    expect(textOf(shown[1]!)).toBe(words.join(''));
    expect(result.current.status).toBe('ready');
  });
});
