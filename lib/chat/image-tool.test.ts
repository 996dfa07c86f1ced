import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateImage } from 'ai';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import { imageModelFor } from '@/lib/ai/image-models';
import { drawPicture } from '@/lib/ai/offline/image-model';
import type { Database } from '@/lib/db';
import { listMessages, textOf } from '@/lib/conversations/messages';
import { withUser } from '@/lib/db/scope';
import { localBlobStore } from '@/lib/storage/local';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import {
  startOpenAICompatibleServer,
  startReplicateServer,
  type FakeProviderServer,
} from '@/lib/testing/fake-providers';
import { findUpload } from '@/lib/uploads/service';
import { sniffMediaType } from '@/lib/uploads/sniff';
import { deleteUserConversation, startConversation } from '@/lib/conversations/service';
import { PICTURE_FAILED } from './image-tool';
import { finishedTurn, startChatTurn } from './pipeline';

const FAST_OFFLINE = { OFFLINE_MODEL_FIRST_TOKEN_MS: '0', OFFLINE_MODEL_WORD_MS: '0' };

describe('image models', () => {
  let openai: FakeProviderServer;
  beforeAll(async () => {
    openai = await startOpenAICompatibleServer({ apiKey: 'img-key-12345678', flavor: 'openai' });
  });
  afterAll(() => openai.close());

  it('draws offline, deterministically: the same prompt makes the same PNG', async () => {
    const { id, model } = imageModelFor({});
    expect(id).toBe('offline/hearth-sketch');
    const first = await generateImage({ model, prompt: 'a lighthouse at dusk' });
    const second = await generateImage({ model, prompt: 'a lighthouse at dusk' });
    const other = await generateImage({ model, prompt: 'a cat on a sofa' });
    expect(sniffMediaType(first.image.uint8Array)).toBe('image/png');
    expect(Buffer.from(first.image.uint8Array).equals(Buffer.from(second.image.uint8Array))).toBe(true);
    expect(Buffer.from(first.image.uint8Array).equals(Buffer.from(other.image.uint8Array))).toBe(false);
  });

  it("uses OpenAI's image API when OpenAI is configured", async () => {
    const { id, model } = imageModelFor({ OPENAI_API_KEY: 'img-key-12345678', OPENAI_BASE_URL: openai.url });
    expect(id).toBe('openai/gpt-image-1');
    const { image } = await generateImage({ model, prompt: 'a red kite' });
    expect(sniffMediaType(image.uint8Array)).toBe('image/png');
    const request = openai.requests.find((r) => r.path === '/v1/images/generations');
    expect(request?.body).toMatchObject({ model: 'gpt-image-1', prompt: 'a red kite', n: 1 });
    expect(request?.headers.authorization).toBe('Bearer img-key-12345678');
  });

  it('uses Replicate when only Replicate is configured, polling the prediction and fetching its output', async () => {
    const replicate = await startReplicateServer({ token: 'r8_test-token-1234' });
    try {
      const { id, model } = imageModelFor({
        REPLICATE_API_TOKEN: 'r8_test-token-1234',
        REPLICATE_BASE_URL: replicate.url,
      });
      expect(id).toBe('replicate/black-forest-labs/flux-schnell');
      const { image } = await generateImage({ model, prompt: 'a paper boat' });
      expect(sniffMediaType(image.uint8Array)).toBe('image/png');
      expect(replicate.requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{26}/, ':id')}`)).toEqual([
        'POST /v1/models/black-forest-labs/flux-schnell/predictions',
        'GET /v1/predictions/:id',
        'GET /v1/files/:id-0.png',
      ]);
      expect(replicate.requests[0]!.body).toMatchObject({ input: { prompt: 'a paper boat', num_outputs: 1 } });
    } finally {
      await replicate.close();
    }
  });
});

describe.each(TEST_DATABASES)('pictures out on $name', ({ open }) => {
  let db: Database;
  let root: string;
  let user: { id: string };
  beforeAll(async () => {
    db = await open();
    root = await mkdtemp(path.join(tmpdir(), 'hearth-pictures-'));
    user = await createTestUser(db, 'pictures');
  });
  afterAll(async () => {
    await afterRepliesSettled();
    await db?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('the offline companion makes a picture when asked, saved in storage and shown in its reply', async () => {
    const store = localBlobStore(root);
    const [{ slug }] = (await db.query<{ slug: string }>(
      'select slug from hearth.companions order by slug limit 1',
    )) as [{ slug: string }];
    const conversationId = (await startConversation(user, { companion: slug }, db)).id;
    const asked = 'Could you draw me a picture of the sea at night?';
    const turn = await startChatTurn(
      user,
      { action: 'send', conversationId, text: asked, model: 'offline/hearth-demo' },
      { db, env: FAST_OFFLINE, store },
    );
    const kinds: string[] = [];
    for await (const part of turn.parts) kinds.push(part.type);
    expect(kinds).toEqual(expect.arrayContaining(['tool-call', 'tool-result', 'text-delta']));
    const { assistantMessage } = await finishedTurn(user, turn, db);

    expect(assistantMessage.status).toBe('complete');
    const [picture, words] = assistantMessage.parts;
    expect(picture).toMatchObject({
      type: 'file',
      mediaType: 'image/png',
      url: expect.stringMatching(/^\/api\/v1\/uploads\/[0-9a-f-]{36}\/content$/),
    });
    expect(words?.type).toBe('text');
    expect(textOf(assistantMessage)).toMatch(/^Here's a little picture I made for you/);

    const uploadId = /uploads\/([^/]+)\/content/.exec((picture as { url: string }).url)![1]!;
    const upload = await findUpload(user, uploadId, db);
    expect(upload).toMatchObject({
      source: 'generated',
      kind: 'image',
      conversationId,
      messageId: assistantMessage.id,
      width: 256,
      height: 256,
    });
    const bytes = await readFile(path.join(root, upload.path));
    expect(bytes.equals(Buffer.from(drawPicture(`${asked}#0`)))).toBe(true);

    // The picture goes with its conversation.
    await deleteUserConversation(user, conversationId, db, store);
    await expect(readFile(path.join(root, upload.path))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await withUser(user, (tx) => listMessages(tx, conversationId), db)).toEqual([]);
  });

  it('says so when the picture service fails: no picture promised, none attached, no provider error shown', async () => {
    const openai = await startOpenAICompatibleServer({ apiKey: 'img-key-12345678', flavor: 'openai' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const [{ slug }] = (await db.query<{ slug: string }>(
        'select slug from hearth.companions order by slug limit 1',
      )) as [{ slug: string }];
      const conversationId = (await startConversation(user, { companion: slug }, db)).id;
      const turn = await startChatTurn(
        user,
        { action: 'send', conversationId, text: 'Draw me a picture of a fox [fail:500]', model: 'offline/hearth-demo' },
        {
          db,
          env: { ...FAST_OFFLINE, OPENAI_API_KEY: 'img-key-12345678', OPENAI_BASE_URL: openai.url },
          store: localBlobStore(root),
        },
      );
      const errors: string[] = [];
      for await (const part of turn.parts) if (part.type === 'tool-error') errors.push(String(part.error));
      const { assistantMessage } = await finishedTurn(user, turn, db);

      expect(openai.requests.some((r) => r.path === '/v1/images/generations')).toBe(true);
      expect(errors).toEqual([`Error: ${PICTURE_FAILED}`]);
      expect(assistantMessage.parts.map((p) => p.type)).toEqual(['text']);
      const said = textOf(assistantMessage);
      expect(said).toMatch(/^I tried to make you a picture, but it didn't work this time/);
      expect(said).not.toMatch(/here's a little picture/i);
      expect(warn.mock.calls.flat().join(' ')).toMatch(/openai\/gpt-image-1 failed/);
    } finally {
      warn.mockRestore();
      await openai.close();
    }
  });

  it('answers in words when nobody asked for a picture', async () => {
    const [{ slug }] = (await db.query<{ slug: string }>(
      'select slug from hearth.companions order by slug limit 1',
    )) as [{ slug: string }];
    const conversationId = (await startConversation(user, { companion: slug }, db)).id;
    const turn = await startChatTurn(
      user,
      { action: 'send', conversationId, text: 'I imagine the sea is calm today.', model: 'offline/hearth-demo' },
      { db, env: FAST_OFFLINE, store: localBlobStore(root) },
    );
    const { assistantMessage } = await finishedTurn(user, turn, db);
    expect(assistantMessage.parts.map((p) => p.type)).toEqual(['text']);
  });
});
