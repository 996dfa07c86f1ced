import { describe, expect, it } from 'vitest';
import type { ChatTurn } from '@/lib/chat/pipeline';
import type { Completion } from '@/lib/chat/completion';
import type { Part, PartSink } from '@/lib/chat/generation';
import type { FinishedReply } from '@/lib/conversations/messages';
import { completionChunksResponse } from './completion-chunks';
import { messageEventsResponse } from './message-events';
import { replyEventsBody } from './reply-events';

/** A reply the test writes into by hand, which records whether its reader detached. */
function handWrittenReply() {
  let sink: PartSink | undefined;
  const reply = {
    id: 'chatcmpl-test',
    created: 0,
    conversationId: 'c',
    assistantMessageId: 'a',
    model: { id: 'openai/gpt-4o-mini', isOffline: false },
    detached: false,
    saved: new Promise<FinishedReply>(() => {}),
    pipe(to: PartSink) {
      sink = to;
      return () => {
        reply.detached = true;
        sink = undefined;
      };
    },
    write: (text: string) => sink?.write({ type: 'text-delta', id: '0', text } as Part),
  };
  return reply;
}

describe.each([
  [
    'message events',
    (reply: ReturnType<typeof handWrittenReply>) => messageEventsResponse(reply as unknown as ChatTurn),
  ],
  [
    'completion chunks',
    (reply: ReturnType<typeof handWrittenReply>) => completionChunksResponse(reply as unknown as Completion),
  ],
  [
    'newline-delimited events (the studio preview)',
    (reply: ReturnType<typeof handWrittenReply>) =>
      new Response(replyEventsBody(reply, (event) => `${JSON.stringify(event)}\n`)),
  ],
])('%s', (_name, respond) => {
  it('stop encoding for a client that leaves: its reader detaches from the reply', async () => {
    const reply = handWrittenReply();
    const reader = respond(reply).body!.getReader();
    reply.write('Hello');
    let received = '';
    while (!received.includes('Hello')) received += new TextDecoder().decode((await reader.read()).value);
    expect(reply.detached).toBe(false);

    await reader.cancel();
    expect(reply.detached).toBe(true);
  });
});
