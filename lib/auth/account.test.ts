import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import type { Database } from '@/lib/db';
import { startConversation } from '@/lib/conversations/service';
import { finishedTurn, startChatTurn } from '@/lib/chat/pipeline';
import { localBlobStore } from '@/lib/storage/local';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { deleteUnsentUpload } from '@/lib/uploads/cleanup';
import { encodePng } from '@/lib/uploads/png';
import { findUpload, saveUpload } from '@/lib/uploads/service';
import { deleteAccount } from './account';

const FAST_OFFLINE = { OFFLINE_MODEL_FIRST_TOKEN_MS: '0', OFFLINE_MODEL_WORD_MS: '0' };
const image = () => ({
  bytes: encodePng(4, 4, () => [10, 20, 30, 255]),
  mediaType: 'image/png' as const,
  kind: 'image' as const,
  filename: null,
});

describe.each(TEST_DATABASES)('deleting files and accounts on $name', ({ open }) => {
  let db: Database;
  let root: string;
  beforeAll(async () => {
    db = await open();
    root = await mkdtemp(path.join(tmpdir(), 'hearth-account-'));
  });
  afterAll(async () => {
    await afterRepliesSettled();
    await db?.close();
    await rm(root, { recursive: true, force: true });
  });
  const store = () => localBlobStore(root);
  const objectsOf = (user: { id: string }) => readdir(path.join(root, user.id)).catch(() => [] as string[]);

  it('deletes an account with every row and stored file of its own, and nobody else’s', async () => {
    const user = await createTestUser(db, 'leaving');
    const neighbour = await createTestUser(db, 'staying');
    const [{ slug }] = (await db.query<{ slug: string }>(
      'select slug from hearth.companions order by slug limit 1',
    )) as [{ slug: string }];
    const conversationId = (await startConversation(user, { companion: slug }, db)).id;
    const sent = await saveUpload(user, image(), { db, store: store(), env: {} });
    await finishedTurn(
      user,
      await startChatTurn(
        user,
        { action: 'send', conversationId, text: 'a photo', attachments: [sent.id] },
        { db, env: FAST_OFFLINE, store: store() },
      ),
      db,
    );
    await saveUpload(user, image(), { db, store: store(), env: {} }); // not sent yet
    const kept = await saveUpload(neighbour, image(), { db, store: store(), env: {} });
    expect(await objectsOf(user)).toHaveLength(2);

    await deleteAccount(user, { db, store: store() });
    expect(await objectsOf(user)).toEqual([]);
    const left = await db.query<{ n: string }>(
      `select (select count(*) from hearth.users where id = $1) + (select count(*) from hearth.conversations where user_id = $1)
            + (select count(*) from hearth.messages where user_id = $1) + (select count(*) from hearth.uploads where user_id = $1) as n`,
      [user.id],
    );
    expect(Number(left[0]!.n)).toBe(0);
    expect(await objectsOf(neighbour)).toEqual([kept.path.split('/')[1]]);
    await expect(deleteAccount(user, { db, store: store() })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('deletes an upload taken back before sending, but not one a message carries', async () => {
    const user = await createTestUser(db, 'composer');
    const other = await createTestUser(db, 'other');
    const unsent = await saveUpload(user, image(), { db, store: store(), env: {} });
    await expect(deleteUnsentUpload(other, unsent.id, { db, store: store() })).rejects.toMatchObject({
      code: 'not_found',
    });
    await deleteUnsentUpload(user, unsent.id, { db, store: store() });
    expect(await objectsOf(user)).toEqual([]);
    await expect(findUpload(user, unsent.id, db)).rejects.toMatchObject({ code: 'not_found' });

    const [{ slug }] = (await db.query<{ slug: string }>(
      'select slug from hearth.companions order by slug limit 1',
    )) as [{ slug: string }];
    const conversationId = (await startConversation(user, { companion: slug }, db)).id;
    const sent = await saveUpload(user, image(), { db, store: store(), env: {} });
    await finishedTurn(
      user,
      await startChatTurn(
        user,
        { action: 'send', conversationId, attachments: [sent.id] },
        { db, env: FAST_OFFLINE, store: store() },
      ),
      db,
    );
    await expect(deleteUnsentUpload(user, sent.id, { db, store: store() })).rejects.toMatchObject({ code: 'conflict' });
    expect(await objectsOf(user)).toHaveLength(1);
  });
});
