import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import { startConversation } from '@/lib/conversations/service';
import { startChatTurn } from '@/lib/chat/pipeline';
import type { Database } from '@/lib/db';
import type { MemoryCandidate } from '@/lib/memory/queries';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { startOpenAICompatibleServer, type FakeProviderServer } from '@/lib/testing/fake-providers';
import { rankMemories } from './recall';

const KEY = 'embed-key-51c0';

describe('ranking with the meaning of what was said', () => {
  const candidate = (id: string, embedding: number[] | null): MemoryCandidate => ({
    id,
    companionId: 'c',
    kind: 'fact',
    subject: null,
    content: id,
    importance: 3,
    eventDate: null,
    sourceMessageId: null,
    sourceConversationId: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    lastUsedAt: null,
    relevance: 0,
    embedding,
  });

  it('puts the memory closest in meaning first when no words match', () => {
    const ranked = rankMemories(
      [candidate('far', [0, 1]), candidate('none', null), candidate('near', [1, 0.1])],
      new Date(),
      [1, 0],
    );
    expect(ranked.map((m) => m.id)).toEqual(['near', 'far', 'none']);
  });
});

describe.each(TEST_DATABASES)('memory embeddings on $name', ({ open }) => {
  let db: Database;
  let openai: FakeProviderServer;
  const env = (key = KEY) => ({
    MEMORY_EMBEDDING_MODEL: 'openai/text-embedding-3-small',
    OPENAI_API_KEY: key,
    OPENAI_BASE_URL: openai.url,
    OFFLINE_MODEL_FIRST_TOKEN_MS: '0',
    OFFLINE_MODEL_WORD_MS: '0',
  });

  beforeAll(async () => {
    db = await open();
    openai = await startOpenAICompatibleServer({ apiKey: KEY });
  });
  afterAll(async () => {
    await afterRepliesSettled();
    await Promise.all([openai?.close(), db?.close()]);
  });

  async function say(user: { id: string }, text: string, turnEnv = env()) {
    const conversationId = (await startConversation(user, { companion: 'marcus' }, db)).id;
    const turn = await startChatTurn(user, { action: 'send', conversationId, text }, { db, env: turnEnv });
    const reply = await turn.saved;
    await turn.remembered;
    return reply;
  }

  it('embeds new memories after the reply and what the person says before it, through the provider', async () => {
    const user = await createTestUser(db, 'embed');
    openai.requests.length = 0;
    await say(user, 'My name is Sam and I love sourdough bread.');
    const stored = await db.query<{ content: string; embedding: number[] }>(
      'select content, embedding from hearth.memories where user_id = $1 order by content',
      [user.id],
    );
    expect(stored.map((m) => m.content)).toEqual(['Loves sourdough bread.', 'Their name is Sam.']);
    expect(stored.every((m) => m.embedding.length === 64)).toBe(true);
    const embedded = openai.requests
      .filter((r) => r.path === '/v1/embeddings')
      .map((r) => (r.body as { input: string[] }).input);
    expect(embedded).toEqual([
      ['My name is Sam and I love sourdough bread.'],
      expect.arrayContaining(['Loves sourdough bread.', 'Their name is Sam.']),
    ]);

    const answer = await say(user, 'Do you remember what bread I love?');
    expect(answer.text).toMatch(/you love sourdough bread/i);
  });

  it('answers and remembers by words alone when the embedding provider refuses', async () => {
    const user = await createTestUser(db, 'embed-down');
    const reply = await say(user, 'My name is Kai.', env('wrong-key'));
    expect(reply.status).toBe('complete');
    const stored = await db.query<{ content: string; embedding: number[] | null }>(
      'select content, embedding from hearth.memories where user_id = $1',
      [user.id],
    );
    expect(stored).toEqual([{ content: 'Their name is Kai.', embedding: null }]);
  });
});
