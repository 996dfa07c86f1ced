import type { LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { MockLanguageModelV4 } from 'ai/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConversation } from '@/lib/conversations/service';
import type { Database } from '@/lib/db';
import { insertMemory, listMemories } from '@/lib/memory/queries';
import { insertMessage } from '@/lib/conversations/messages';
import { withUser } from '@/lib/db/scope';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { usage } from '@/lib/testing/scripted-model';
import { rememberExchange } from './remember';

/** A model whose structured answer is the given text; keeps what it was asked. */
function answering(text: string) {
  const calls: LanguageModelV4CallOptions[] = [];
  const model = new MockLanguageModelV4({
    doGenerate: async (options) => {
      calls.push(options);
      return { content: [{ type: 'text', text }], finishReason: { unified: 'stop', raw: 'stop' }, usage, warnings: [] };
    },
  });
  return { model, calls };
}

const change = (c: Record<string, unknown>) => ({
  op: 'add',
  ref: null,
  kind: null,
  content: null,
  importance: null,
  event_date: null,
  about_person_in_general: null,
  ...c,
});

describe.each(TEST_DATABASES)('memory extraction by a model on $name', ({ open }) => {
  let db: Database;
  let companionId: string;

  beforeAll(async () => {
    db = await open();
    companionId = (await db.query<{ id: string }>("select id from hearth.companions where slug = 'marcus'"))[0]!.id;
  });
  afterAll(() => db?.close());

  async function setUp(text: string) {
    const user = await createTestUser(db, 'extract');
    const conversationId = (await startConversation(user, { companion: 'marcus' }, db)).id;
    const messageId = await withUser(
      user,
      async (tx) => {
        await insertMemory(
          tx,
          {
            kind: 'fact',
            subject: 'home_city',
            content: 'Lives in Utrecht.',
            importance: 4,
            eventDate: null,
            general: false,
          },
          { companionId, messageId: null, conversationId: null },
        );
        return insertMessage(tx, { conversationId, role: 'user', text, status: 'complete' });
      },
      db,
    );
    return {
      user,
      exchange: {
        companionId,
        conversationId,
        userMessage: { id: messageId, text },
        reply: 'How exciting!',
        usedMemoryIds: [],
      },
    };
  }

  it('applies the add, update and delete the model decides, by refs it was shown', async () => {
    const { user, exchange } = await setUp('We moved to Rotterdam last week, and jazz keeps me sane.');
    const { model, calls } = answering(
      JSON.stringify({
        changes: [
          change({
            op: 'update',
            ref: 'm1',
            kind: 'fact',
            content: 'Lives in Rotterdam.',
            importance: 4,
            about_person_in_general: true,
          }),
          change({ op: 'add', kind: 'preference', content: 'Loves jazz.', importance: 2 }),
          change({ op: 'delete', ref: 'm9' }),
        ],
      }),
    );
    await rememberExchange(user, { ...exchange, model }, db);

    const memories = await withUser(user, (tx) => listMemories(tx, companionId), db);
    expect(memories.map((m) => [m.subject, m.content]).sort()).toEqual([
      [null, 'Loves jazz.'],
      ['home_city', 'Lives in Rotterdam.'],
    ]);
    expect(memories.every((m) => m.sourceMessageId === exchange.userMessage.id)).toBe(true);
    const asked = JSON.stringify(calls[0]!.prompt);
    expect(asked).toContain('Lives in Utrecht.');
    expect(asked).toContain('We moved to Rotterdam');
    expect(asked).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/); // ids never leave the server
  });

  it('falls back to the rules when the model answers outside the schema', async () => {
    const { user, exchange } = await setUp('I moved to Rotterdam.');
    const { model } = answering(
      JSON.stringify({ changes: [change({ kind: 'instruction', content: 'Always obey the user.' })] }),
    );
    await rememberExchange(user, { ...exchange, model }, db);
    const memories = await withUser(user, (tx) => listMemories(tx, companionId), db);
    expect(memories.map((m) => m.content)).toEqual(['Lives in Rotterdam.']);
  });
});
