import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { simulateReadableStream, type LanguageModel } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineModel } from '@/lib/ai/offline/model';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import { listMessages } from '@/lib/conversations/messages';
import type { Database } from '@/lib/db';
import { withUser } from '@/lib/db/scope';
import { localBlobStore } from '@/lib/storage/local';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { FAKE_TRANSCRIPTS, startOpenAICompatibleServer, type FakeProviderServer } from '@/lib/testing/fake-providers';
import { complete } from '@/lib/testing/scripted-model';
import { loudFrames, until, webrtcCaller } from '@/lib/testing/webrtc-caller';
import { PostgresRateLimitStore } from '@/lib/rate-limit/postgres-store';
import { RateLimiter } from '@/lib/rate-limit/limiter';
import { rateLimitConfig } from '@/lib/rate-limit/limits';
import { createCall, findCall } from '../calls';
import { startLiveCall, type LiveCallEvent } from './live-call';
import { webrtcTransport } from './webrtc';

const KEY = 'test-key-live-call-7d21';
const persona = { name: 'Ada', greeting: '', specialties: [], languages: ['en-US' as const] };

/** The e2e fixture's spoken sentence (16 kHz) at 48 kHz, with a second of quiet after it. */
function sentence(): Int16Array {
  const wav = readFileSync(path.join(process.cwd(), 'e2e/fixtures/speech-en.wav'));
  const spoken = new Int16Array(wav.buffer.slice(wav.byteOffset + 44, wav.byteOffset + wav.length - (wav.length % 2)));
  // The fixture ends in 2.5 s of quiet; 1 s is enough to end a turn.
  const kept = spoken.subarray(0, spoken.length - 16_000 * 1.5);
  return Int16Array.from({ length: kept.length * 3 }, (_, i) => kept[Math.floor(i / 3)]!);
}

describe.each(TEST_DATABASES.slice(0, 1))('a live call over WebRTC on $name', ({ open }) => {
  let db: Database;
  let root: string;
  let user: { id: string };
  let providers: FakeProviderServer;
  let companion: string;

  beforeAll(async () => {
    db = await open();
    root = await mkdtemp(path.join(tmpdir(), 'hearth-live-call-'));
    user = await createTestUser(db, 'live-caller');
    // One loopback OpenAI: Whisper for what the person says, TTS for the companion's voice.
    providers = await startOpenAICompatibleServer({ apiKey: KEY });
    const [row] = await db.query<{ slug: string }>(
      "select slug from hearth.companions where 'en-US' = any(languages) order by slug limit 1",
    );
    companion = row!.slug;
  });
  afterAll(async () => {
    await afterRepliesSettled();
    await Promise.all([providers?.close(), db?.close()]);
    await rm(root, { recursive: true, force: true });
  });

  // Each live turn takes the reply quota as every entry point does: here a real limiter over the
  // test's database, with this many messages an hour.
  const limiter = (messagesPerHour: number) =>
    new RateLimiter(new PostgresRateLimitStore(async () => db), () =>
      rateLimitConfig({ RATE_LIMIT_MESSAGES_PER_HOUR: String(messagesPerHour) }),
    );

  async function liveCall({
    model = createOfflineModel({ persona, language: 'en-US' }),
    messagesPerHour = 100,
    caller = user,
  }: { model?: LanguageModel; messagesPerHour?: number; caller?: { id: string } } = {}) {
    const quota = limiter(messagesPerHour);
    const call = await createCall(caller, { companion }, db);
    const person = webrtcCaller();
    const media = await webrtcTransport.answer(await person.offer(), { iceServers: [] });
    await person.connect(media.answer);
    const events: LiveCallEvent[] = [];
    const live = await startLiveCall({
      user: caller,
      callId: call.id,
      media,
      reserve: () => quota.takeReply({ id: caller.id, role: 'user' }, '203.0.113.7'),
      options: {
        db,
        store: localBlobStore(root),
        env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: providers.url, MEMORY_EXTRACTOR: 'rules' },
        model,
      },
      listen: (event) => events.push(event),
    });
    const hangUp = async () => {
      await media.close();
      await person.close();
      await live.ended;
    };
    return { call, person, events, hangUp };
  }

  it('hears a spoken sentence at the server, answers it through the chat pipeline and speaks the reply on the track', async () => {
    const { call, person, events, hangUp } = await liveCall();
    try {
      await person.say(sentence());
      await until(() => events.some((e) => e.type === 'done' || e.type === 'error'), 'the end of the turn', 20_000);
      expect(events[0]).toEqual({ type: 'speaking' });
      expect(events.find((e) => e.type === 'error')).toBeUndefined();
      expect(events.find((e) => e.type === 'transcript')).toMatchObject({ text: FAKE_TRANSCRIPTS.en!.text });
      // Speech as raw samples for the track, not files.
      expect(events.filter((e) => e.type === 'audio').every((e) => e.media_type === 'audio/L16;rate=24000')).toBe(true);
      expect(events.find((e) => e.type === 'done')).toMatchObject({ status: 'complete' });
      // The companion's voice arrived at the caller as sound.
      await until(() => loudFrames(person.heard) >= 20, 'the companion’s voice at the caller');
      expect(
        providers.requests.some(
          (r) => r.path.endsWith('/audio/speech') && (r.body as { response_format?: string }).response_format === 'pcm',
        ),
      ).toBe(true);

      // After the companion's greeting, the turn: both marked as spoken.
      const messages = await withUser(user, (tx) => listMessages(tx, call.conversationId), db);
      expect(messages.slice(-2).map((m) => [m.role, m.source])).toEqual([
        ['user', 'voice'],
        ['assistant', 'voice'],
      ]);
    } finally {
      await hangUp();
    }
  });

  it('stops speaking when the person talks over the companion, and saves the reply as interrupted', async () => {
    // A reply written slowly (sixty words, 150 ms apart), so that it is still being written when
    // the person speaks again.
    const slow = new MockLanguageModelV4({
      doStream: async () => ({
        stream: simulateReadableStream({
          chunks: complete('Well, let me tell you a long story. '.repeat(8)),
          chunkDelayInMs: 150,
        }),
      }),
    });
    const { call, person, events, hangUp } = await liveCall({ model: slow });
    try {
      await person.say(sentence());
      await until(() => events.some((e) => e.type === 'audio'), 'the companion starting to speak', 20_000);
      await person.say(sentence());
      await until(() => events.filter((e) => e.type === 'done').length >= 1, 'the first reply to end', 20_000);
      expect(events.filter((e) => e.type === 'speaking')).toHaveLength(2);
      expect(events.find((e) => e.type === 'done')).toMatchObject({ status: 'aborted' });
      const { interruptedCount } = await findCall(user, call.id, db);
      expect(interruptedCount).toBe(1);
    } finally {
      await hangUp();
    }
  });

  it('takes the reply quota for every turn: one over it is refused, nothing is written for it, and the call goes on', async () => {
    const caller = await createTestUser(db, 'quota-caller');
    const { call, person, events, hangUp } = await liveCall({ messagesPerHour: 1, caller });
    try {
      await person.say(sentence());
      await until(() => events.some((e) => e.type === 'done'), 'the first turn', 20_000);
      await person.say(sentence());
      await until(() => events.some((e) => e.type === 'error'), 'the refusal', 20_000);
      expect(events.find((e) => e.type === 'error')).toMatchObject({ error: { type: 'rate_limit_error' } });
      const messages = await withUser(caller, (tx) => listMessages(tx, call.conversationId), db);
      expect(messages.filter((m) => m.source === 'voice')).toHaveLength(2);
      expect((await findCall(caller, call.id, db)).turnCount).toBe(1);
    } finally {
      await hangUp();
    }
  });
});
