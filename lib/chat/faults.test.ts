import { describe, expect, it } from 'vitest';
import { createOfflineModel } from '@/lib/ai/offline/model';
import { textOf } from '@/lib/conversations/messages';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { useTestDatabase } from '@/lib/testing/use-database';
import { stopGeneration } from './active';
import { startConversation } from '@/lib/conversations/service';
import { startChatTurn } from './pipeline';

const STREAMS = 200;
const AT_ONCE = 20;

/** A small seeded generator, so a failure replays the same way. */
function random(seed: number) {
  return () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

type Plan = { how: 'reads to the end' | 'leaves' | 'stops'; afterDeltas: number };

/**
 * Clients that go away at random points, or press Stop, across 200 streams: every message the
 * person sent and every reply is in the database afterwards, complete (the client left, the
 * reply did not) or partial with status aborted (Stop), and never shorter than what the client saw.
 */
describe.each(TEST_DATABASES)('200 streams with clients leaving at random points on $name', ({ open }) => {
  const database = useTestDatabase(open);

  it('loses nothing', async () => {
    const db = database();
    const user = await createTestUser(db, 'faults');
    const next = random(7);
    const persona = { name: 'Test', greeting: 'Hi', specialties: ['tests'], languages: ['en-US' as const] };
    const results: { conversationId: string; text: string; plan: Plan; seen: string }[] = [];

    async function one(i: number) {
      const conversationId = (await startConversation(user, { companion: 'marcus' }, db)).id;
      const plan: Plan = {
        how: (['reads to the end', 'leaves', 'stops'] as const)[Math.floor(next() * 3)]!,
        afterDeltas: Math.floor(next() * 10),
      };
      const text = `Message ${i}: how was your day, really?`;
      const model = createOfflineModel({ persona, language: 'en-US', wordDelayMs: 3 });
      const turn = await startChatTurn(user, { action: 'send', conversationId, text }, { db, model });
      const reader = turn.parts.getReader();
      let seen = '';
      let deltas = 0;
      for (;;) {
        if (plan.how !== 'reads to the end' && deltas === plan.afterDeltas) {
          if (plan.how === 'stops') stopGeneration(conversationId);
          await reader.cancel();
          break;
        }
        const { done, value } = await reader.read();
        if (done) break;
        if (value.type === 'text-delta') {
          seen += value.text;
          deltas++;
        }
      }
      await turn.saved;
      results.push({ conversationId, text, plan, seen });
    }

    for (let start = 0; start < STREAMS; start += AT_ONCE) {
      await Promise.all(Array.from({ length: AT_ONCE }, (_, j) => one(start + j)));
    }

    const rows = await db.query<{
      conversation_id: string;
      role: string;
      status: string;
      parts: { type: 'text'; text: string }[];
    }>(
      `select m.conversation_id, m.role, m.status, m.parts from hearth.messages m
        where m.conversation_id = any($1::uuid[]) and m.seq > (select min(seq) from hearth.messages g where g.conversation_id = m.conversation_id)
        order by m.seq`,
      [results.map((r) => r.conversationId)],
    );
    expect(results).toHaveLength(STREAMS);
    const counts = { 'reads to the end': 0, leaves: 0, stops: 0 };
    for (const r of results) {
      counts[r.plan.how] += 1;
      const [userMessage, reply, ...extra] = rows.filter((row) => row.conversation_id === r.conversationId);
      expect(extra).toEqual([]);
      expect(userMessage).toMatchObject({ role: 'user', status: 'complete' });
      expect(textOf(userMessage!)).toBe(r.text);
      expect(reply!.role).toBe('assistant');
      const saved = textOf(reply!);
      expect(saved.startsWith(r.seen), `${r.plan.how} after ${r.plan.afterDeltas}: saw more than was saved`).toBe(true);
      if (r.plan.how === 'stops') {
        expect(reply!.status).toBe('aborted');
      } else {
        expect(reply!.status).toBe('complete');
        expect(saved.split(' ').length).toBeGreaterThan(10);
      }
    }
    // Every kind of client was exercised.
    expect(Math.min(...Object.values(counts))).toBeGreaterThan(40);
  }, 120_000);
});
