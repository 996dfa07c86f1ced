import { createUIMessageStreamResponse, toUIMessageStream } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import type { Database } from '@/lib/db';
import { getMessage, textOf } from '@/lib/conversations/messages';
import { withUser } from '@/lib/db/scope';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { complete, scripted } from '@/lib/testing/scripted-model';
import { startConversation } from '@/lib/conversations/service';
import { startChatTurn } from '../pipeline';
import { recordReply, resumeReplyResponse } from './http';

type Chunk = { type: string; delta?: string; messageId?: string };

/** The UI message chunks of an SSE body, and whether it ended with [DONE]. */
async function chunksOf(response: Response): Promise<{ chunks: Chunk[]; done: boolean }> {
  const events = (await response.text())
    .split('\n\n')
    .filter(Boolean)
    .map((event) => event.replace(/^data: /, ''));
  const done = events.at(-1) === '[DONE]';
  return { chunks: events.filter((e) => e !== '[DONE]').map((e) => JSON.parse(e) as Chunk), done };
}

const textIn = (chunks: Chunk[]) =>
  chunks
    .filter((c) => c.type === 'text-delta')
    .map((c) => c.delta)
    .join('');

describe.each(TEST_DATABASES)('resuming the web chat reply on $name', ({ open }) => {
  let db: Database;
  let user: { id: string };
  let stranger: { id: string };

  beforeAll(async () => {
    db = await open();
    user = await createTestUser(db, 'resume');
    stranger = await createTestUser(db, 'resume-stranger');
  });
  afterAll(async () => {
    await afterRepliesSettled();
    await db?.close();
  });

  const newConversation = async () => {
    const [{ slug }] = (await db.query<{ slug: string }>(
      'select slug from hearth.companions order by slug limit 1',
    )) as [{ slug: string }];
    return (await startConversation(user, { companion: slug }, db)).id;
  };

  /** A turn answered the way the web chat's POST answers it, recorded for resuming. */
  async function postTurn(conversationId: string, reply: string) {
    const turn = await startChatTurn(
      user,
      { action: 'send', conversationId, text: 'Tell me a story' },
      { db, model: scripted(complete(reply)) },
    );
    const response = createUIMessageStreamResponse({
      stream: toUIMessageStream({ stream: turn.parts, generateMessageId: () => turn.assistantMessageId }),
      consumeSseStream: recordReply(turn),
    });
    return { turn, response };
  }

  it('replays a reply whose page went away from its first word, then the rest, once, as it was saved', async () => {
    const conversationId = await newConversation();
    const story = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const { turn, response } = await postTurn(conversationId, story);

    // The page reads a little, then reloads: its request is gone, the reply goes on.
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();

    const resumed = await resumeReplyResponse(user, conversationId, db);
    expect(resumed.status).toBe(200);
    expect(resumed.headers.get('content-type')).toBe('text/event-stream');
    expect(resumed.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
    const { chunks, done } = await chunksOf(resumed);
    expect(done).toBe(true);
    expect(chunks[0]).toMatchObject({ type: 'start', messageId: turn.assistantMessageId });
    expect(chunks.filter((c) => c.type === 'start')).toHaveLength(1);
    expect(chunks.at(-1)).toMatchObject({ type: 'finish' });

    await turn.saved;
    const saved = await withUser(user, (tx) => getMessage(tx, turn.assistantMessageId), db);
    expect(saved).toMatchObject({ status: 'complete' });
    expect(textIn(chunks)).toBe(textOf(saved!));
    expect(textOf(saved!)).toBe(story);
  });

  it('answers 204 when nothing is being written in the conversation', async () => {
    const conversationId = await newConversation();
    const response = await resumeReplyResponse(user, conversationId, db);
    expect(response.status).toBe(204);
  });

  it("does not let someone else resume a person's reply: their conversation is not found", async () => {
    const conversationId = await newConversation();
    const { turn, response } = await postTurn(conversationId, 'private words for one person only');
    await expect(resumeReplyResponse(stranger, conversationId, db)).rejects.toMatchObject({ code: 'not_found' });
    await response.body!.cancel();
    await turn.saved;
  });
});
