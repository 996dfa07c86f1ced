import { MockLanguageModelV4 } from 'ai/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { usage } from '@/lib/testing/scripted-model';
import { draftCompanion } from './draft';
import { draftOffline } from './draft-offline';

const LINES = 'A retired lighthouse keeper named Ada Quinn who tells sea stories. She is gruff but kind.';

const answering = (text: string) =>
  new MockLanguageModelV4({
    doGenerate: async () => ({
      content: [{ type: 'text', text }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage,
      warnings: [],
    }),
  });

describe('the offline draft', () => {
  it('takes the name it is given, the first sentence as the tagline, the lines as who they are', () => {
    expect(draftOffline(LINES)).toEqual({
      name: 'Ada Quinn',
      tagline: 'A retired lighthouse keeper named Ada Quinn who tells sea stories.',
      instructions: `You are Ada Quinn. ${LINES}`,
      personality: '',
      scenario: '',
      greeting: "Hi, I'm Ada Quinn. What would you like to talk about?",
      specialties: [],
    });
    expect(draftOffline('Una pintora que se llama Lucía y vive en Sevilla.').name).toBe('Lucía');
    expect(draftOffline('a shy robot with no name').name).toBe('New companion');
    expect(draftOffline('x'.repeat(300)).tagline).toHaveLength(160);
  });
});

describe.each(TEST_DATABASES)('drafting with a model on $name', ({ open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db?.close());
  const spentToday = async (user: { id: string }) =>
    Number(
      (
        await db.query<{ tokens: string }>(
          "select tokens from hearth.spend_daily where user_id = $1 and day = (now() at time zone 'UTC')::date",
          [user.id],
        )
      )[0]?.tokens ?? 0,
    );

  it('fills the fields from the model’s card, clipped to what the form takes, and counts the tokens', async () => {
    const user = await createTestUser(db, 'drafter');
    const model = answering(
      JSON.stringify({
        name: 'Ada Quinn',
        tagline: 'Keeper of the light. '.repeat(20),
        who_they_are: 'You are Ada, a retired lighthouse keeper.\u0000',
        personality: 'gruff, kind',
        scenario: 'A stormy night at the lighthouse.',
        greeting: 'Mind the stairs, love.',
        tags: ['sea', 'stories', 'lighthouses', 'weather', 'boats', 'knots'],
      }),
    );
    const draft = await draftCompanion(user, { description: LINES }, { db, model });
    expect(draft).toEqual({
      name: 'Ada Quinn',
      tagline: 'Keeper of the light. '.repeat(20).trim().slice(0, 160),
      instructions: 'You are Ada, a retired lighthouse keeper.',
      personality: 'gruff, kind',
      scenario: 'A stormy night at the lighthouse.',
      greeting: 'Mind the stairs, love.',
      specialties: ['sea', 'stories', 'lighthouses', 'weather', 'boats'],
    });
    expect(await spentToday(user)).toBe(13);
  });

  it('falls back to the offline draft when the model answers nonsense, and refuses bad input with a 400', async () => {
    const user = await createTestUser(db, 'drafter-fallback');
    expect(await draftCompanion(user, { description: LINES }, { db, model: answering('not json') })).toEqual(
      draftOffline(LINES),
    );
    for (const description of ['', '   ', 'a\u0000b', 'x'.repeat(2001)])
      await expect(draftCompanion(user, { description }, { db, model: answering('{}') })).rejects.toMatchObject({
        status: 400,
      });
  });
});
