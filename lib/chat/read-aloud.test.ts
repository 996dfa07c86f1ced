import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db';
import type { Env } from '@/lib/ai/providers';
import { listCompanions } from '@/lib/companions/queries';
import { createConversation } from '@/lib/conversations/queries';
import { insertMessage } from '@/lib/conversations/messages';
import { withUser } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { startOpenAICompatibleServer, type FakeProviderServer } from '@/lib/testing/fake-providers';
import { readAloud } from './read-aloud';

const KEY = 'sk-read-aloud-test-key-0042';

describe.each(TEST_DATABASES)('reading a reply aloud on $name', ({ open }) => {
  let db: Database;
  let server: FakeProviderServer;
  let env: Env;
  let owner: { id: string };
  let stranger: { id: string };
  let replyId: string;
  let questionId: string;

  beforeAll(async () => {
    db = await open();
    server = await startOpenAICompatibleServer({ apiKey: KEY });
    env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url };
    owner = await createTestUser(db, 'read-aloud-owner');
    stranger = await createTestUser(db, 'read-aloud-stranger');
    await withUser(
      owner,
      async (tx) => {
        const [companion] = await listCompanions(tx);
        const conversation = await createConversation(tx, {
          companionId: companion!.id,
          model: 'offline/hearth-demo',
          language: 'es-ES',
          greeting: 'hola',
        });
        const base = { conversationId: conversation.id, status: 'complete' as const };
        questionId = await insertMessage(tx, { ...base, role: 'user', text: 'Una pregunta.' });
        replyId = await insertMessage(tx, {
          ...base,
          role: 'assistant',
          text: `${'Una frase bastante larga para leer en voz alta. '.repeat(30)}\n\n\`\`\`js\nconsole.log(1)\n\`\`\``,
        });
      },
      db,
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  const read = (user: { id: string }, messageId: string, piece = 0, withEnv = env) =>
    readAloud(user, { messageId, piece }, withEnv, db).catch((error: unknown) => error as HearthError);

  it("speaks the owner's reply piece by piece, saying how many pieces there are", async () => {
    const first = await read(owner, replyId);
    expect(first).toMatchObject({ pieces: 2, speech: { provider: 'openai' } });
    if (first instanceof Error) throw first;
    expect(first.speech.audio.length).toBeGreaterThan(0);
    expect(first.speech.characters).toBeLessThanOrEqual(1000);
    const second = await read(owner, replyId, 1);
    expect(second).toMatchObject({ pieces: 2 });
    expect(await read(owner, replyId, 2)).toMatchObject({ code: 'bad_request' });
  });

  it("finds nobody else's reply, and no message of the person's own", async () => {
    expect(await read(stranger, replyId)).toMatchObject({ code: 'not_found' });
    expect(await read(owner, questionId)).toMatchObject({ code: 'not_found' });
  });

  it('says when the server has no voice, so the browser can speak', async () => {
    expect(await read(owner, replyId, 0, {})).toMatchObject({ code: 'provider_not_configured' });
  });
});
