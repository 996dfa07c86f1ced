import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { startConversation } from '@/lib/conversations/service';
import { startChatTurn } from '@/lib/chat/pipeline';
import { insertMessage } from '@/lib/conversations/messages';
import { withUser } from '@/lib/db/scope';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { useTestDatabase } from '@/lib/testing/use-database';
import { complete } from '@/lib/testing/scripted-model';
import { SUMMARY_HEADING } from './prompt';
import { foldPlan } from './summary';

const entry = (seq: number, tokens: number) => ({
  id: `m${seq}`,
  seq: String(seq),
  role: 'user' as const,
  text: 'x'.repeat(tokens * 4 - 4),
});

describe('when to fold', () => {
  it('leaves a history that fits alone, and folds the oldest turns of one that does not, keeping the newest', () => {
    expect(foldPlan([entry(1, 100), entry(2, 100)], 8_192)).toBeNull();
    const long = Array.from({ length: 40 }, (_, i) => entry(i + 1, 200));
    const plan = foldPlan(long, 8_192)!;
    // 40 × 200 = 8,000 tokens against (8,192 − 2,500) × 0.5 ≈ 2,846 left unfolded.
    expect(plan.folded.map((m) => m.seq)).toEqual(long.slice(0, 26).map((m) => m.seq));
    expect(plan.throughSeq).toBe('26');
  });

  it('folds by count when a long chat of short messages passes what a turn reads', () => {
    const plan = foldPlan(
      Array.from({ length: 160 }, (_, i) => entry(i + 1, 5)),
      1_000_000,
    )!;
    expect(plan.folded).toHaveLength(60);
  });
});

describe.each(TEST_DATABASES)('rolling summary on $name', ({ open }) => {
  const database = useTestDatabase(open);

  it('folds the oldest turns into the summary the next prompt carries, so nothing is dropped silently', async () => {
    const db = database();
    const user = await createTestUser(db, 'long');
    const conversationId = (await startConversation(user, { companion: 'marcus' }, db)).id;
    await withUser(
      user,
      async (tx) => {
        for (let i = 1; i <= 30; i++) {
          await insertMessage(tx, {
            conversationId,
            role: 'user',
            text: `Topic number ${i} matters to me. ${'More words. '.repeat(90)}`,
            status: 'complete',
          });
          await insertMessage(tx, {
            conversationId,
            role: 'assistant',
            text: `Reply ${i}. ${'Indeed. '.repeat(60)}`,
            status: 'complete',
          });
        }
      },
      db,
    );

    const prompts: LanguageModelV4Prompt[] = [];
    const model = () =>
      new MockLanguageModelV4({
        doStream: async (options) => {
          prompts.push(options.prompt);
          return { stream: simulateReadableStream({ chunks: complete('ok '), chunkDelayInMs: 0 }) };
        },
      });
    const turn = await startChatTurn(
      user,
      { action: 'send', conversationId, text: 'And one more thing.' },
      { db, model: model() },
    );
    await turn.saved;
    await turn.remembered;

    const [row] = await db.query<{ summary: string; through: string }>(
      'select summary, summary_through_seq::text as through from hearth.conversations where id = $1',
      [conversationId],
    );
    expect(Number(row!.through)).toBeGreaterThan(0);
    const folded = await db.query<{ text: string }>(
      `select parts -> 0 ->> 'text' as text from hearth.messages where conversation_id = $1 and role = 'user' and seq <= $2::bigint`,
      [conversationId, row!.through],
    );
    expect(folded.length).toBeGreaterThan(5);
    for (const { text } of folded) expect(row!.summary).toContain(`They said: ${text.split('. ')[0]}.`);

    await (
      await startChatTurn(user, { action: 'send', conversationId, text: 'What did we cover?' }, { db, model: model() })
    ).saved;
    const next = prompts.at(-1)!;
    const system = next
      .filter((m) => m.role === 'system')
      .map((m) => m.content)
      .join('\n');
    expect(system).toContain(SUMMARY_HEADING);
    expect(system).toContain('They said: Topic number 1 matters to me.');
    expect(JSON.stringify(next.filter((m) => m.role !== 'system'))).not.toContain('Topic number 1 matters');
  });
});
