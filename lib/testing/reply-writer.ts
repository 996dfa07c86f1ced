// A server instance writing one long reply, for the tests of a function killed mid-reply and of Stop
// from another instance (lib/chat/reply-lifetime.test.ts). Started with fork() and a JSON argument
// { url } (PostgreSQL) or { dataDir } (PGlite). Over IPC:
//   -> { type: 'ready', userId, conversationId, replyId }   the turn is saved and the reply streams
//   -> { type: 'progress-saved', text }                     the progress ticker has saved some text
//   -> { type: 'saved', status, text, error }               the reply was saved (it finished or was stopped)
// The model writes 2,000 words 50 ms apart (100 s), longer than any test waits.
import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { startConversation } from '@/lib/conversations/service';
import { startChatTurn } from '@/lib/chat/pipeline';
import { openDatabase } from '@/lib/db';
import { textOf } from '@/lib/conversations/messages';
import { createTestUser } from '@/lib/testing/databases';
import { usage } from '@/lib/testing/scripted-model';

const WORDS = 2000;
const word = (i: number) => `word${i} `;

const options = JSON.parse(process.argv[2] ?? '{}') as { url?: string; dataDir?: string };
const reply = (message: object) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

const db = await openDatabase(options.url ? { url: options.url } : { dataDir: options.dataDir });
const user = await createTestUser(db, 'reply-writer');
const { id: conversationId } = await startConversation(user, { companion: 'ada' }, db);

const parts: LanguageModelV4StreamPart[] = [
  { type: 'stream-start', warnings: [] },
  { type: 'text-start', id: 't' },
  ...Array.from({ length: WORDS }, (_, i): LanguageModelV4StreamPart => ({
    type: 'text-delta',
    id: 't',
    delta: word(i),
  })),
  { type: 'text-end', id: 't' },
  { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
];
const model = new MockLanguageModelV4({
  doStream: async () => ({ stream: simulateReadableStream({ chunks: parts, chunkDelayInMs: 50 }) }),
});

const turn = await startChatTurn(
  user,
  { action: 'send', conversationId, text: 'Tell me a very long story.' },
  { db, model },
);
void turn.parts.cancel(); // nobody reads this reply: it goes on regardless
await reply({ type: 'ready', userId: user.id, conversationId, replyId: turn.assistantMessageId });

void turn.saved.then(
  (saved) => reply({ type: 'saved', status: saved.status, text: saved.text, error: saved.error ?? null }),
  (error: unknown) => reply({ type: 'saved', status: 'failed', text: '', error: String(error) }),
);

// Watches the row as any reader would, until the ticker (not this script) has saved some text.
for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 100));
  const [row] = await db.query<{ parts: { type: 'text'; text: string }[] }>(
    'select parts from hearth.messages where id = $1',
    [turn.assistantMessageId],
  );
  const text = row ? textOf({ parts: row.parts }) : '';
  if (text) {
    await reply({ type: 'progress-saved', text });
    break;
  }
}
