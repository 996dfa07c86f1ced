import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import { draftConversationId, draftGreetingId } from '@/lib/conversations/draft';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { complete, scripted } from '@/lib/testing/scripted-model';
import { startChatTurn } from './pipeline';

describe.each(TEST_DATABASES)('a draft chat’s first message on $name', ({ open }) => {
  let db: Database;
  let user: { id: string };
  let companion: string;

  beforeAll(async () => {
    db = await open();
    user = await createTestUser(db, 'drafter');
    companion = (await db.query<{ slug: string }>('select slug from hearth.companions order by slug limit 1'))[0]!.slug;
  });
  afterAll(async () => {
    await afterRepliesSettled();
    await db?.close();
  });

  const rows = (conversationId: string) =>
    db.query<{ id: string; role: string; status: string; tx: string }>(
      'select id, role, status, xmin::text as tx from hearth.messages where conversation_id = $1 order by seq',
      [conversationId],
    );
  const conversationRow = async (id: string) =>
    (
      await db.query<{ title: string; language: string; tx: string }>(
        'select title, language, xmin::text as tx from hearth.conversations where id = $1',
        [id],
      )
    )[0];

  it('creates the conversation, its greeting and the message in one transaction, and nothing before', async () => {
    const draft = crypto.randomUUID();
    const conversationId = draftConversationId(user.id, draft);
    expect(await conversationRow(conversationId)).toBeUndefined();

    const turn = await startChatTurn(
      user,
      { action: 'send', conversationId, text: 'Hello from a draft', start: { draft, companion, language: 'en-US' } },
      { db, model: scripted(complete('Hi back')) },
    );
    expect(turn.conversationId).toBe(conversationId);
    await turn.saved;

    const conversation = await conversationRow(conversationId);
    expect(conversation).toMatchObject({ title: 'Hello from a draft', language: 'en-US' });
    const messages = await rows(conversationId);
    expect(messages.map((m) => `${m.role}:${m.status}`)).toEqual([
      'assistant:complete',
      'user:complete',
      'assistant:complete',
    ]);
    expect(messages[0]!.id).toBe(draftGreetingId(conversationId)); // the id the draft page showed
    // Written by one transaction: the conversation, the greeting, the message and the empty reply.
    expect(new Set([conversation!.tx, ...messages.slice(0, 2).map((m) => m.tx)]).size).toBe(1);
  });

  it('stores the greeting in the language the draft was started in (review D16)', async () => {
    const draft = crypto.randomUUID();
    const conversationId = draftConversationId(user.id, draft);
    const turn = await startChatTurn(
      user,
      {
        action: 'send',
        conversationId,
        text: 'Hola',
        start: { draft, companion: 'lucia', language: 'es-ES' },
      },
      { db, model: scripted(complete('¡Hola!')) },
    );
    await turn.saved;
    const [greeting] = await db.query<{ parts: { text: string }[] }>(
      'select parts from hearth.messages where id = $1',
      [draftGreetingId(conversationId)],
    );
    expect(greeting!.parts[0]!.text).toBe(
      '¡Hola, soy Lucía! Me alegra mucho conocerte. ¿De qué te apetece hablar hoy?',
    );
  });

  it('sends later turns of the same draft into the conversation it created', async () => {
    const draft = crypto.randomUUID();
    const conversationId = draftConversationId(user.id, draft);
    const start = { draft, companion };
    for (const text of ['first', 'second']) {
      const turn = await startChatTurn(
        user,
        { action: 'send', conversationId, text, start },
        { db, model: scripted(complete('ok')) },
      );
      await turn.saved;
    }
    expect((await rows(conversationId)).map((m) => m.role)).toEqual([
      'assistant',
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    expect(await db.query('select 1 from hearth.conversations where id = $1', [conversationId])).toHaveLength(1);
  });

  it('refuses a conversation id that is not the one derived from this person’s draft, and writes nothing', async () => {
    const draft = crypto.randomUUID();
    const mine = draftConversationId(user.id, draft);
    const stranger = await createTestUser(db, 'draft-thief');
    // Someone else replaying my draft key gets a different id; naming mine is refused.
    await expect(
      startChatTurn(
        stranger,
        { action: 'send', conversationId: mine, text: 'hi', start: { draft, companion } },
        { db, model: scripted(complete('no')) },
      ),
    ).rejects.toMatchObject({ status: 400 });
    const chosen = crypto.randomUUID();
    await expect(
      startChatTurn(
        user,
        { action: 'send', conversationId: chosen, text: 'hi', start: { draft, companion } },
        { db, model: scripted(complete('no')) },
      ),
    ).rejects.toMatchObject({ status: 400 });
    expect(await db.query('select 1 from hearth.conversations where id = any($1::uuid[])', [[mine, chosen]])).toEqual(
      [],
    );
  });

  it('without a draft, a conversation that does not exist is still not found', async () => {
    await expect(
      startChatTurn(
        user,
        { action: 'send', conversationId: crypto.randomUUID(), text: 'hi' },
        { db, model: scripted(complete('no')) },
      ),
    ).rejects.toMatchObject({ status: 404 });
  });
});
