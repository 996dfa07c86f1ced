import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '@/lib/db';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import {
  findUserConversation,
  pageOfConversations,
  pageOfMessages,
  startConversation,
  updateUserConversation,
} from './service';

describe.each(TEST_DATABASES)('conversations for the API on $name', ({ open }) => {
  let db: Database;
  let alice: { id: string };
  let bob: { id: string };

  beforeAll(async () => {
    vi.stubEnv('GROQ_API_KEY', '');
    vi.stubEnv('OPENAI_API_KEY', 'sk-test');
    db = await open();
    alice = await createTestUser(db, 'alice');
    bob = await createTestUser(db, 'bob');
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await db?.close();
  });

  it('renames and switches the model in one go, and a refused model changes nothing', async () => {
    const { id } = await startConversation(alice, { companion: 'ada', title: 'Before' }, db);
    const updated = await updateUserConversation(alice, id, { title: 'After', model: 'openai/gpt-4o-mini' }, db);
    expect(updated).toMatchObject({ id, title: 'After', model: 'openai/gpt-4o-mini', companion: { slug: 'ada' } });

    await expect(
      updateUserConversation(alice, id, { title: 'Never', model: 'groq/llama-3.1-8b-instant' }, db),
    ).rejects.toMatchObject({
      code: 'provider_not_configured',
      message: expect.stringContaining('GROQ_API_KEY'),
    });
    expect(await findUserConversation(alice, id, db)).toMatchObject({ title: 'After', model: 'openai/gpt-4o-mini' });
  });

  it("treats another user's conversation as missing", async () => {
    const { id } = await startConversation(alice, { companion: 'ada' }, db);
    expect(await findUserConversation(bob, id, db)).toBeNull();
    expect(await pageOfMessages(bob, id, { limit: 10 }, db)).toBeNull();
    await expect(updateUserConversation(bob, id, { title: 'Mine now' }, db)).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await findUserConversation(alice, id, db)).toMatchObject({ title: 'New chat' });
  });

  it('filters by companion slug or id, and names an unknown one as a bad companion', async () => {
    const user = await createTestUser(db, 'filter');
    const ada = await startConversation(user, { companion: 'ada' }, db);
    await startConversation(user, { companion: 'lucia' }, db);
    expect((await pageOfConversations(user, { companion: 'ada' }, db)).items.map((c) => c.id)).toEqual([ada.id]);
    expect((await pageOfConversations(user, { companion: ada.companion.id }, db)).items.map((c) => c.id)).toEqual([
      ada.id,
    ]);
    await expect(pageOfConversations(user, { companion: 'nobody' }, db)).rejects.toMatchObject({
      status: 400,
      param: 'companion',
    });
  });
});
