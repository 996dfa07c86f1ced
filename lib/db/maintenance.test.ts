import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/db';
import { startConversation } from '@/lib/conversations/service';
import { insertMessage, listMessages } from '@/lib/conversations/messages';
import { withUser } from '@/lib/db/scope';
import { createTestUser } from '@/lib/testing/databases';
import { INTERRUPTED_REPLY_ERROR } from './maintenance';

describe('a reply interrupted by a server stop', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hearth-maintenance-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is closed as an error when the embedded database is opened again', async () => {
    let db = await openDatabase({ dataDir });
    const user = await createTestUser(db);
    const { id } = await startConversation(user, { companion: 'ada' }, db);
    await withUser(
      user,
      (tx) => insertMessage(tx, { conversationId: id, role: 'assistant', text: '', status: 'streaming' }),
      db,
    );
    await db.close(); // the server stopped mid-reply

    db = await openDatabase({ dataDir });
    const last = (await withUser(user, (tx) => listMessages(tx, id), db)).at(-1)!;
    await db.close();
    expect(last).toMatchObject({ status: 'error', error: INTERRUPTED_REPLY_ERROR });
  });
});
