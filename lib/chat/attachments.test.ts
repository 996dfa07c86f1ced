import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOfflineModel } from '@/lib/ai/offline/model';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import type { Database } from '@/lib/db';
import { listMessages, textOf } from '@/lib/conversations/messages';
import { getUpload } from '@/lib/uploads/queries';
import { HearthError, toHearthError } from '@/lib/errors';
import { getConversationWithCompanion } from '@/lib/conversations/queries';
import { sendAsUser, withUser } from '@/lib/db/scope';
import { localBlobStore } from '@/lib/storage/local';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import {
  FAKE_TRANSCRIPT,
  startGeminiServer,
  startOpenAICompatibleServer,
  type FakeProviderServer,
} from '@/lib/testing/fake-providers';
import type { ReceivedTranscription } from '@/lib/testing/fake-providers/transcription';
import { wavFile } from '@/lib/testing/media';
import { encodePng } from '@/lib/uploads/png';
import { findUpload, NOT_TRANSCRIBED_HERE, saveUpload } from '@/lib/uploads/service';
import { deleteUserConversation, startConversation } from '@/lib/conversations/service';
import { VOICE_NOTE_UNHEARD } from '@/lib/ai/offline/phrases';
import { finishedTurn, startChatTurn } from './pipeline';
import { planTurn, turnWrites } from './turn-plan';

const KEY = 'test-key-a41c9e07';
const FAST_OFFLINE = { OFFLINE_MODEL_FIRST_TOKEN_MS: '0', OFFLINE_MODEL_WORD_MS: '0' };
const png = (w = 8, h = 6) => encodePng(w, h, (x, y) => [x * 30, y * 40, 120, 255]);
const image = (bytes = png()) => ({
  bytes,
  mediaType: 'image/png' as const,
  kind: 'image' as const,
  filename: 'sunset.png',
});
const voiceNote = () => ({
  bytes: wavFile(0.4),
  mediaType: 'audio/wav' as const,
  kind: 'audio' as const,
  filename: 'note.wav',
});

describe.each(TEST_DATABASES)('files in the chat on $name', ({ open }) => {
  let db: Database;
  let root: string;
  let user: { id: string };
  let other: { id: string };
  let gemini: FakeProviderServer;
  let groq: FakeProviderServer;
  const store = () => localBlobStore(root);
  const objectsOf = async (owner: { id: string }) => readdir(path.join(root, owner.id)).catch(() => [] as string[]);

  beforeAll(async () => {
    db = await open();
    root = await mkdtemp(path.join(tmpdir(), 'hearth-files-'));
    user = await createTestUser(db, 'files');
    other = await createTestUser(db, 'other');
    gemini = await startGeminiServer({ apiKey: KEY });
    groq = await startOpenAICompatibleServer({ apiKey: KEY, flavor: 'groq', basePath: '/openai/v1' });
  });
  afterAll(async () => {
    await afterRepliesSettled();
    await Promise.all([gemini?.close(), groq?.close(), db?.close()]);
    await rm(root, { recursive: true, force: true });
  });
  beforeEach(() => {
    gemini.requests.length = 0;
    groq.requests.length = 0;
  });

  const conversation = async () => {
    const [{ slug }] = (await db.query<{ slug: string }>(
      'select slug from hearth.companions order by slug limit 1',
    )) as [{ slug: string }];
    return (await startConversation(user, { companion: slug }, db)).id;
  };
  const upload = (owner: { id: string }, file: Parameters<typeof saveUpload>[1], env = {}) =>
    saveUpload(owner, file, { db, store: store(), env });
  const messagesOf = (conversationId: string) => withUser(user, (tx) => listMessages(tx, conversationId), db);

  it('keeps an image under the owner id, with its size and dimensions; nobody else can find it', async () => {
    const saved = await upload(user, image(png(8, 6)));
    expect(saved).toMatchObject({
      kind: 'image',
      mediaType: 'image/png',
      width: 8,
      height: 6,
      sizeBytes: png(8, 6).byteLength,
      filename: 'sunset.png',
    });
    expect(saved.path.startsWith(`${user.id}/`)).toBe(true);
    expect(await objectsOf(user)).toContain(saved.path.split('/')[1]);
    expect((await findUpload(user, saved.id, db)).id).toBe(saved.id);
    await expect(findUpload(other, saved.id, db)).rejects.toMatchObject({ code: 'not_found' });
    // RLS, not the query, hides it: the raw row is invisible in the other user's scope.
    expect(await withUser(other, (tx) => getUpload(tx, saved.id), db)).toBeNull();
  });

  it('refuses an image over 8192 pixels a side, and leaves nothing behind', async () => {
    const before = await objectsOf(user);
    const huge = encodePng(1, 1, () => [0, 0, 0, 255]);
    Buffer.from(huge.buffer, huge.byteOffset).writeUInt32BE(9000, 16); // IHDR width
    const error = await upload(user, image(huge)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HearthError);
    expect((error as HearthError).message).toBe('Images can be at most 8192 × 8192 pixels; this one is 9000 × 1.');
    expect(await objectsOf(user)).toEqual(before);
  });

  it('deletes the object again when its row cannot be written', async () => {
    const ghost = { id: crypto.randomUUID() }; // no such user: the row's foreign key fails
    await expect(upload(ghost, image())).rejects.toBeTruthy();
    expect(await objectsOf(ghost)).toEqual([]);
  });

  it('transcribes a voice note with Groq Whisper over its multipart API and stores the language', async () => {
    const note = voiceNote();
    const saved = await upload(user, note, { GROQ_API_KEY: KEY, GROQ_BASE_URL: `${groq.url}` });
    expect(saved).toMatchObject({
      kind: 'audio',
      mediaType: 'audio/wav',
      transcript: FAKE_TRANSCRIPT,
      transcriptLanguage: 'en',
      transcriptError: null,
    });
    const [request] = groq.requests as ((typeof groq.requests)[number] & { transcription?: ReceivedTranscription })[];
    expect(request).toMatchObject({ method: 'POST', path: '/openai/v1/audio/transcriptions' });
    expect(request!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(request!.transcription).toMatchObject({
      model: 'whisper-large-v3-turbo',
      responseFormat: 'verbose_json',
      filename: 'voice-note.wav',
      mediaType: 'audio/wav',
    });
    expect(request!.transcription!.bytes.equals(Buffer.from(note.bytes))).toBe(true);
  });

  it('keeps a voice note playable without a transcription provider, saying so in product language', async () => {
    const saved = await upload(user, voiceNote(), {});
    expect(saved).toMatchObject({ kind: 'audio', transcript: null, transcriptError: NOT_TRANSCRIBED_HERE });
    expect(saved.transcriptError).not.toMatch(/_API_KEY|\.env|key/i);
    expect(await objectsOf(user)).toContain(saved.path.split('/')[1]);
  });

  it('has the offline model say it could not hear a voice note without a transcript, never quoting a placeholder', async () => {
    const conversationId = await conversation();
    const note = await upload(user, voiceNote(), {});
    const turn = await startChatTurn(
      user,
      { action: 'send', conversationId, attachments: [note.id] },
      { db, env: FAST_OFFLINE, store: store() },
    );
    const { assistantMessage } = await finishedTurn(user, turn, db);
    expect(textOf(assistantMessage)).toBe(VOICE_NOTE_UNHEARD['en-US']);
    expect(textOf(assistantMessage)).not.toMatch(/\[|voice note that could not be transcribed/);
  });

  it('sends attached images to Gemini as inline data and stores them as file parts of the message', async () => {
    const conversationId = await conversation();
    const bytes = png(5, 4);
    const first = await upload(user, image(bytes));
    const second = await upload(user, image(png(3, 3)));
    // Memory by rules: extraction by model would send Gemini requests of its own.
    const env = { GOOGLE_GENERATIVE_AI_API_KEY: KEY, GOOGLE_BASE_URL: gemini.url, MEMORY_EXTRACTOR: 'rules' };
    const turn = await startChatTurn(
      user,
      {
        action: 'send',
        conversationId,
        text: 'What do you see?',
        attachments: [first.id, second.id],
        model: 'google/gemini-2.5-flash',
      },
      { db, env, store: store() },
    );
    const { userMessage, assistantMessage } = await finishedTurn(user, turn, db);
    expect(assistantMessage.status).toBe('complete');

    const body = gemini.requests.find((r) => r.method === 'POST')!.body as {
      contents: { role: string; parts: Record<string, unknown>[] }[];
    };
    const last = body.contents.at(-1)!;
    expect(last.role).toBe('user');
    expect(last.parts).toEqual([
      { inlineData: { mimeType: 'image/png', data: Buffer.from(bytes).toString('base64') } },
      { inlineData: { mimeType: 'image/png', data: Buffer.from(png(3, 3)).toString('base64') } },
      { text: 'What do you see?' },
    ]);
    expect(userMessage!.parts).toEqual([
      { type: 'file', mediaType: 'image/png', url: `/api/v1/uploads/${first.id}/content`, filename: 'sunset.png' },
      { type: 'file', mediaType: 'image/png', url: `/api/v1/uploads/${second.id}/content`, filename: 'sunset.png' },
      { type: 'text', text: 'What do you see?' },
    ]);
    expect(await findUpload(user, first.id, db)).toMatchObject({ conversationId, messageId: userMessage!.id });

    // The next turn sends the earlier picture again, from the store.
    gemini.requests.length = 0;
    await finishedTurn(
      user,
      await startChatTurn(
        user,
        { action: 'send', conversationId, text: 'And now?', model: 'google/gemini-2.5-flash' },
        { db, env, store: store() },
      ),
      db,
    );
    const again = gemini.requests.find((r) => r.method === 'POST')!.body as typeof body;
    expect(JSON.stringify(again.contents)).toContain(Buffer.from(bytes).toString('base64'));
  });

  it('tells a model that cannot see that an image came, instead of sending it', async () => {
    const conversationId = await conversation();
    const attached = await upload(user, image());
    const env = { GROQ_API_KEY: KEY, GROQ_BASE_URL: groq.url };
    await finishedTurn(
      user,
      await startChatTurn(
        user,
        {
          action: 'send',
          conversationId,
          text: 'Look',
          attachments: [attached.id],
          model: 'groq/llama-3.3-70b-versatile',
        },
        { db, env, store: store() },
      ),
      db,
    );
    const body = groq.requests.find((r) => r.path.endsWith('/chat/completions'))!.body as {
      messages: { role: string; content: unknown }[];
    };
    expect(body.messages.at(-1)).toEqual({
      role: 'user',
      content: 'Look\n\n[An image was attached, which this model cannot see.]',
    });
  });

  it('has the offline model acknowledge a picture, deterministically', async () => {
    const conversationId = await conversation();
    const attached = await upload(user, image());
    const turn = await startChatTurn(
      user,
      { action: 'send', conversationId, attachments: [attached.id] },
      {
        db,
        env: {},
        store: store(),
        model: createOfflineModel({
          persona: { name: 'Ada', greeting: '', specialties: [], languages: ['en-US'] },
          language: 'en-US',
        }),
      },
    );
    const { userMessage, assistantMessage } = await finishedTurn(user, turn, db);
    expect(textOf(userMessage!)).toBe('');
    expect(textOf(assistantMessage)).toMatch(
      /^Thank you for the picture! I'm on the offline demo model, so I can't really see it/,
    );
    const [row] = await db.query<{ title: string }>('select title from hearth.conversations where id = $1', [
      conversationId,
    ]);
    expect(row!.title).toBe('Picture');
  });

  it('answers the transcript of a voice note, which becomes the message text under the audio', async () => {
    const conversationId = await conversation();
    const note = await upload(user, voiceNote(), { GROQ_API_KEY: KEY, GROQ_BASE_URL: groq.url });
    const turn = await startChatTurn(
      user,
      { action: 'send', conversationId, attachments: [note.id] },
      { db, env: FAST_OFFLINE, store: store() },
    );
    const { userMessage, assistantMessage } = await finishedTurn(user, turn, db);
    expect(userMessage!.parts).toEqual([
      { type: 'file', mediaType: 'audio/wav', url: `/api/v1/uploads/${note.id}/content`, filename: 'note.wav' },
      { type: 'text', text: FAKE_TRANSCRIPT },
    ]);
    // The offline model quotes what it answers: the words of the note.
    expect(textOf(assistantMessage)).toContain('Hello from my voice note');
  });

  it('refuses attachments that are someone else’s, already sent, or too many', async () => {
    const conversationId = await conversation();
    const theirs = await upload(other, image());
    const send = (attachments: string[]) =>
      startChatTurn(
        user,
        { action: 'send', conversationId, text: 'hi', attachments },
        { db, env: FAST_OFFLINE, store: store() },
      );
    await expect(send([theirs.id])).rejects.toMatchObject({ code: 'bad_request', param: 'attachments.0' });

    const mine = await upload(user, image());
    await finishedTurn(user, await send([mine.id]), db);
    await expect(send([mine.id])).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/already part of a message/),
    });

    const five = await Promise.all(Array.from({ length: 5 }, () => upload(user, image())));
    await expect(send(five.map((u) => u.id))).rejects.toMatchObject({
      message: 'A message can carry at most 4 images.',
    });
    // Nothing of the refused turns was written.
    expect((await messagesOf(conversationId)).filter((m) => m.role === 'user')).toHaveLength(1);
  });

  it('writes nothing of a message whose file another message took after it was read', async () => {
    const conversationId = await conversation();
    const shared = await upload(user, image());
    // The second message read the file as free; the first was written with it before the second's writes.
    const stored = await withUser(user, (tx) => getConversationWithCompanion(tx, conversationId), db);
    const request = { action: 'send' as const, conversationId, text: 'mine too', attachments: [shared.id] };
    const late = planTurn(stored!.conversation, [], request, [shared]);
    await finishedTurn(
      user,
      await startChatTurn(user, { ...request, text: 'mine' }, { db, env: FAST_OFFLINE, store: store() }),
      db,
    );

    const refused = sendAsUser(user, turnWrites(conversationId, late, 'offline/hearth-demo'), db);
    await expect(refused).rejects.toMatchObject({ code: 'HQ409' });
    expect(toHearthError(await refused.catch((e: unknown) => e))).toMatchObject({
      code: 'conflict',
      message: 'A file of this message is already part of another message.',
    });
    const texts = (await messagesOf(conversationId)).filter((m) => m.role === 'user').map(textOf);
    expect(texts).toEqual(['mine']);
  });

  it('deletes the files with their conversation', async () => {
    const conversationId = await conversation();
    const attached = await upload(user, image());
    await finishedTurn(
      user,
      await startChatTurn(
        user,
        { action: 'send', conversationId, text: 'keep this', attachments: [attached.id] },
        { db, env: FAST_OFFLINE, store: store() },
      ),
      db,
    );
    expect(await objectsOf(user)).toContain(attached.path.split('/')[1]);
    await deleteUserConversation(user, conversationId, db, store());
    expect(await objectsOf(user)).not.toContain(attached.path.split('/')[1]);
    await expect(findUpload(user, attached.id, db)).rejects.toMatchObject({ code: 'not_found' });
  });
});
