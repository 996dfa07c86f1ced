import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineModel } from '@/lib/ai/offline/model';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import type { Database } from '@/lib/db';
import { listMessages, textOf } from '@/lib/conversations/messages';
import { withUser } from '@/lib/db/scope';
import { localBlobStore } from '@/lib/storage/local';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { FAKE_TRANSCRIPTS, startOpenAICompatibleServer, type FakeProviderServer } from '@/lib/testing/fake-providers';
import { wavFile } from '@/lib/testing/media';
import { encodePng } from '@/lib/uploads/png';
import { callCostUsd, createCall, findCall, hangUp } from './calls';
import type { CallTurnEvent } from './events';
import { startCallTurn, type CallTurnOptions } from './turn';
import { receiveTurn, type TurnInput } from './utterance';

const KEY = 'test-key-5c1d2e90';
const persona = { name: 'Ada', greeting: '', specialties: [], languages: ['en-US' as const] };

/** A turn's body as the browser sends it. */
function turnRequest(fields: Record<string, string | Uint8Array>): Request {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, new Blob([Buffer.from(value)]), name);
  }
  return new Request('http://localhost/api/v1/calls/x/turns', { method: 'POST', body: form });
}

async function collect(events: AsyncIterableIterator<CallTurnEvent>): Promise<CallTurnEvent[]> {
  const all: CallTurnEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe.each(TEST_DATABASES)('calls on $name', ({ open }) => {
  let db: Database;
  let root: string;
  let user: { id: string };
  let other: { id: string };
  let groq: FakeProviderServer;
  let companion: string;
  const store = () => localBlobStore(root);
  const sttEnv = () => ({ GROQ_API_KEY: KEY, GROQ_BASE_URL: groq.url, MEMORY_EXTRACTOR: 'rules' });
  const options = (extra: Partial<CallTurnOptions> = {}): CallTurnOptions => ({
    db,
    store: store(),
    env: sttEnv(),
    model: createOfflineModel({ persona, language: 'en-US' }),
    ...extra,
  });
  const voice = async (seconds = 1.2, extra: Record<string, string> = {}) =>
    receiveTurn(turnRequest({ audio: wavFile(seconds), ...extra }));
  const messagesOf = (conversationId: string) => withUser(user, (tx) => listMessages(tx, conversationId), db);
  const uploadCount = async () =>
    Number(
      (
        await db.query<{ n: string }>('select count(*)::text as n from hearth.uploads where user_id = $1', [user.id])
      )[0]!.n,
    );
  const objectCount = async () => (await readdir(path.join(root, user.id)).catch(() => [] as string[])).length;

  beforeAll(async () => {
    db = await open();
    root = await mkdtemp(path.join(tmpdir(), 'hearth-calls-'));
    user = await createTestUser(db, 'caller');
    other = await createTestUser(db, 'other');
    groq = await startOpenAICompatibleServer({ apiKey: KEY, flavor: 'groq', basePath: '/openai/v1' });
    const [row] = await db.query<{ slug: string }>(
      "select slug from hearth.companions where 'en-US' = any(languages) order by slug limit 1",
    );
    companion = row!.slug;
  });
  afterAll(async () => {
    await afterRepliesSettled();
    await Promise.all([groq?.close(), db?.close()]);
    await rm(root, { recursive: true, force: true });
  });

  it('starts waiting, over a new conversation, in the language asked for, expiring in an hour', async () => {
    const call = await createCall(user, { companion, language: 'fr-FR' }, db);
    expect(call).toMatchObject({ status: 'waiting', language: 'fr-FR', turnCount: 0, endedAt: null });
    expect(call.expiresAt.getTime() - call.createdAt.getTime()).toBe(3_600_000);
    const [conversation] = await withUser(
      user,
      (tx) =>
        tx.query<{ language: string }>('select language from hearth.conversations where id = $1', [
          call.conversationId,
        ]),
      db,
    );
    expect(conversation?.language).toBe('fr-FR');
  });

  it("answers a voice turn: transcript, reply text, the browser's voice without TTS, timings; both messages marked as voice with the audio kept", async () => {
    const call = await createCall(user, { companion }, db);
    const turn = await startCallTurn(user, call.id, await voice(1.2, { speech_ms: '1200' }), options());
    const events = await collect(turn.events);
    await turn.finished;

    expect(events[0]).toEqual({ type: 'transcript', text: FAKE_TRANSCRIPTS.en!.text, language: 'en' });
    const text = events
      .filter((e) => e.type === 'text')
      .map((e) => e.delta)
      .join('');
    expect(text.length).toBeGreaterThan(0);
    const spoken = events.filter((e) => e.type === 'speak');
    expect(spoken.map((e) => e.index)).toEqual(spoken.map((_, i) => i));
    // Every word of the reply is spoken, in order (the splitter drops list markers and the like).
    const words = (s: string) => s.replace(/[^\p{L}\p{N}']+/gu, ' ').trim();
    expect(words(spoken.map((e) => e.text).join(' '))).toBe(words(text));
    const timing = events.find((e) => e.type === 'timing')!;
    expect(timing.transcript_ms).toBeGreaterThanOrEqual(0);
    expect(timing.first_token_ms!).toBeGreaterThanOrEqual(timing.transcript_ms!);
    expect(timing.first_audio_ms).toBeNull();
    expect(events.at(-1)).toMatchObject({ type: 'done', status: 'complete' });

    const [, user1, reply] = await messagesOf(call.conversationId);
    expect(user1).toMatchObject({ role: 'user', source: 'voice' });
    expect(textOf(user1!)).toBe(FAKE_TRANSCRIPTS.en!.text);
    expect(user1!.parts.some((p) => p.type === 'file' && p.mediaType === 'audio/wav')).toBe(true);
    expect(reply).toMatchObject({ role: 'assistant', source: 'voice', status: 'complete' });
    expect(textOf(reply!)).toBe(text);

    const after = await findCall(user, call.id, db);
    expect(after).toMatchObject({ status: 'active', turnCount: 1, interruptedCount: 0, speechSeconds: 1.2 });
    expect(after.startedAt).not.toBeNull();
    expect(after.transcriptionCostUsd).toBeGreaterThan(0);
    expect(after.turns[0]).toMatchObject({
      input: 'voice',
      speechMs: 1200,
      userMessageId: user1!.id,
      assistantMessageId: reply!.id,
      interrupted: false,
    });
  });

  it('speaks the reply sentence by sentence while it is still being written, audio in order, its cost counted', async () => {
    const tts = await startOpenAICompatibleServer({ apiKey: KEY });
    try {
      const call = await createCall(user, { companion }, db);
      const env = { ...sttEnv(), OPENAI_API_KEY: KEY, OPENAI_BASE_URL: tts.url };
      const slow = createOfflineModel({ persona, language: 'en-US', wordDelayMs: 25 });
      const turn = await startCallTurn(user, call.id, await voice(), options({ env, model: slow }));
      const events = await collect(turn.events);
      await turn.finished;
      const audio = events.filter((e) => e.type === 'audio');
      expect(audio.length).toBeGreaterThan(1);
      expect(audio.map((e) => e.index)).toEqual(audio.map((_, i) => i));
      for (const sentence of audio)
        expect(Buffer.from(sentence.data, 'base64').subarray(0, 4).toString('latin1')).toBe('RIFF');
      expect(events.some((e) => e.type === 'speak')).toBe(false);
      // The first sentence's audio went out before the reply had finished streaming.
      const lastText = events.findLastIndex((e) => e.type === 'text');
      expect(events.findIndex((e) => e.type === 'audio')).toBeLessThan(lastText);
      const speechRequests = tts.requests.filter((r) => r.path === '/v1/audio/speech');
      expect(speechRequests.map((r) => (r.body as { input: string }).input)).toEqual(audio.map((e) => e.text));
      const timing = events.find((e) => e.type === 'timing')!;
      expect(timing.first_audio_ms).toBeGreaterThanOrEqual(timing.first_token_ms!);
      const after = await findCall(user, call.id, db);
      expect(after.speechCharacters).toBe(audio.reduce((sum, e) => sum + [...e.text].length, 0));
      expect(after.speechCostUsd).toBeGreaterThan(0);
      expect(after.turns[0]!.firstAudioMs).toBe(timing.first_audio_ms);
    } finally {
      await tts.close();
    }
  });

  it("lets the browser speak a sentence the server's voice failed on", async () => {
    const call = await createCall(user, { companion }, db);
    const env = { ...sttEnv(), OPENAI_API_KEY: KEY, OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' };
    const turn = await startCallTurn(user, call.id, await voice(), options({ env }));
    const events = await collect(turn.events);
    expect(events.some((e) => e.type === 'audio')).toBe(false);
    expect(events.filter((e) => e.type === 'speak').length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ type: 'done', status: 'complete' });
  });

  it('hears each language as itself: the call language goes to the transcriber', async () => {
    const call = await createCall(user, { companion, language: 'es-ES' }, db);
    const turn = await startCallTurn(user, call.id, await voice(), options());
    const events = await collect(turn.events);
    expect(events[0]).toEqual({ type: 'transcript', text: FAKE_TRANSCRIPTS.es!.text, language: 'es' });
    const sent = groq.requests.at(-1)!.raw!.toString('latin1');
    expect(sent).toMatch(/name="language"\r\n\r\nes\r\n/);
  });

  it('takes typed text and a camera frame in the call; the frame is an image of the message', async () => {
    const call = await createCall(user, { companion }, db);
    const frame = encodePng(4, 3, () => [200, 100, 50, 255]);
    const input = await receiveTurn(turnRequest({ text: 'Can you see me?', image: frame }));
    const turn = await startCallTurn(user, call.id, input, options({ env: {} }));
    const events = await collect(turn.events);
    expect(events.some((e) => e.type === 'transcript')).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: 'done', status: 'complete' });
    const [, said] = await messagesOf(call.conversationId);
    expect(textOf(said!)).toBe('Can you see me?');
    expect(said!.parts).toContainEqual(expect.objectContaining({ type: 'file', mediaType: 'image/png' }));
  });

  it('refuses bad audio with a clear error and writes nothing', async () => {
    const call = await createCall(user, { companion }, db);
    const before = {
      uploads: await uploadCount(),
      objects: await objectCount(),
      messages: (await messagesOf(call.conversationId)).length,
    };
    await expect(receiveTurn(turnRequest({ audio: new Uint8Array(0) }))).rejects.toMatchObject({
      code: 'bad_request',
      param: 'audio',
      message: 'The audio is empty.',
    });
    await expect(receiveTurn(turnRequest({ audio: encodePng(2, 2, () => [0, 0, 0, 255]) }))).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/not audio/),
    });
    await expect(receiveTurn(turnRequest({ audio: wavFile(61) }))).rejects.toMatchObject({
      code: 'payload_too_large',
      message: expect.stringMatching(/at most 60 seconds/),
    });
    await expect(receiveTurn(turnRequest({ audio: wavFile(1.5, { frequency: 0 }) }))).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/silent/),
    });
    await expect(receiveTurn(turnRequest({ audio: wavFile(1), text: 'both' }))).rejects.toMatchObject({
      code: 'bad_request',
      param: 'text',
    });
    await expect(receiveTurn(turnRequest({ text: 'hi', language: 'pt-BR' }))).rejects.toMatchObject({
      code: 'bad_request',
      param: 'language',
    });

    // No transcription provider: the call says to type instead.
    await expect(startCallTurn(user, call.id, await voice(), options({ env: {} }))).rejects.toMatchObject({
      code: 'provider_not_configured',
      message: expect.stringMatching(/type in the call/),
    });
    expect({
      uploads: await uploadCount(),
      objects: await objectCount(),
      messages: (await messagesOf(call.conversationId)).length,
    }).toEqual(before);
    expect((await findCall(user, call.id, db)).status).toBe('waiting');
  });

  it("hides someone else's call: 404 to read, end or talk to", async () => {
    const call = await createCall(user, { companion }, db);
    await expect(findCall(other, call.id, db)).rejects.toMatchObject({ code: 'not_found' });
    await expect(hangUp(other, call.id, {}, db)).rejects.toMatchObject({ code: 'not_found' });
    await expect(startCallTurn(other, call.id, await voice(), options())).rejects.toMatchObject({ code: 'not_found' });
    const [row] = await withUser(
      other,
      (tx) => tx.query('select id from hearth.calls where id = $1', [call.id]),
      db,
    ).then((rows) => rows);
    expect(row).toBeUndefined();
    await expect(
      withUser(
        other,
        (tx) =>
          tx.query('insert into hearth.calls (companion_id, conversation_id, language) values ($1, $2, $3)', [
            call.companionId,
            call.conversationId,
            'en-US',
          ]),
        db,
      ),
    ).rejects.toThrow(/row-level security/);
    expect((await findCall(user, call.id, db)).status).toBe('waiting');
  });

  it('saves an interrupted reply when the client aborts mid-reply (barge-in), and counts it', async () => {
    const call = await createCall(user, { companion }, db);
    const leave = new AbortController();
    const slow = createOfflineModel({ persona, language: 'en-US', wordDelayMs: 40 });
    const turn = await startCallTurn(user, call.id, await voice(), options({ model: slow, signal: leave.signal }));
    const seen: CallTurnEvent[] = [];
    for await (const event of turn.events) {
      seen.push(event);
      if (event.type === 'text') {
        leave.abort();
        break;
      }
    }
    await turn.finished;
    const reply = (await messagesOf(call.conversationId)).at(-1)!;
    expect(reply).toMatchObject({ role: 'assistant', source: 'voice', status: 'aborted' });
    expect(textOf(reply).length).toBeGreaterThan(0);
    const after = await findCall(user, call.id, db);
    expect(after).toMatchObject({ turnCount: 1, interruptedCount: 1 });
    expect(after.turns[0]!.interrupted).toBe(true);
  });

  it('hangs up once: duration and cost recorded, again changes nothing, and an ended call refuses turns (409)', async () => {
    const call = await createCall(user, { companion }, db);
    const turn = await startCallTurn(user, call.id, await voice(2), options());
    const timing = (await collect(turn.events)).find((e) => e.type === 'timing')!;
    const ended = await hangUp(user, call.id, { playback: { turnId: timing.turn_id, playbackMs: 640 } }, db);
    expect(ended).toMatchObject({ status: 'ended', endReason: 'hangup', turnCount: 1 });
    expect(ended.durationMs).toBeGreaterThanOrEqual(0);
    expect(ended.turns[0]!.playbackMs).toBe(640);
    expect(callCostUsd(ended)).toBeCloseTo(ended.modelCostUsd + ended.transcriptionCostUsd + ended.speechCostUsd, 6);
    expect(ended.transcriptionCostUsd).toBeCloseTo((2 / 60) * (0.04 / 60), 9);
    const again = await hangUp(user, call.id, {}, db);
    expect(again.endedAt).toEqual(ended.endedAt);
    expect(again.durationMs).toBe(ended.durationMs);
    await expect(startCallTurn(user, call.id, await voice(), options())).rejects.toMatchObject({
      code: 'conflict',
      status: 409,
    });
  });

  it('refuses turns past its expiry (410) and shows the call ended as expired', async () => {
    const call = await createCall(user, { companion }, db);
    await db.query(
      "update hearth.calls set created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour' where id = $1",
      [call.id],
    );
    const input: TurnInput = await receiveTurn(turnRequest({ text: 'Still there?' }));
    await expect(startCallTurn(user, call.id, input, options())).rejects.toMatchObject({ code: 'gone', status: 410 });
    expect((await messagesOf(call.conversationId)).length).toBe(1);
    const seen = await findCall(user, call.id, db);
    expect(seen).toMatchObject({ status: 'ended', endReason: 'expired', durationMs: 3_600_000 });
  });
});
