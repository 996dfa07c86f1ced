import { simulateReadableStream } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db';
import { afterRepliesSettled } from '@/lib/chat/after-reply';
import { listMessages, textOf } from '@/lib/conversations/messages';
import type { TreeMessage } from '@/lib/conversations/branches';
import {
  chooseConversationBranch,
  editCompanionReply,
  messageTreePage,
  startConversation,
} from '@/lib/conversations/service';
import { withUser } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { createTestUser, TEST_DATABASES } from '@/lib/testing/databases';
import { complete } from '@/lib/testing/scripted-model';
import { startChatTurn } from './pipeline';
import type { TurnRequest } from './turn-plan';

/** Swipes and branches: regenerating and editing keep what was there as an alternative to go back to. */
describe.each(TEST_DATABASES)('branches on $name', ({ open }) => {
  let db: Database;
  let user: { id: string };
  let stranger: { id: string };

  beforeAll(async () => {
    db = await open();
    user = await createTestUser(db, 'branches');
    stranger = await createTestUser(db, 'branches-stranger');
  });
  afterAll(async () => {
    await afterRepliesSettled();
    await db?.close();
  });

  const newConversation = async () => {
    const [first] = await db.query<{ slug: string }>('select slug from hearth.companions order by slug limit 1');
    return (await startConversation(user, { companion: first!.slug }, db)).id;
  };
  const shown = async (conversationId: string) =>
    withUser(user, (tx) => listMessages(tx, conversationId), db).then((messages) => messages.map(textOf).slice(1));
  const messagesOf = (conversationId: string) => withUser(user, (tx) => listMessages(tx, conversationId), db);

  /** Runs a turn whose model answers `reply`; returns the texts of the prompt it was given. */
  async function turn(request: TurnRequest, reply: string): Promise<string[]> {
    let prompt: { role: string; content: unknown }[] = [];
    const model = new MockLanguageModelV4({
      doStream: async (options) => {
        prompt = options.prompt as typeof prompt;
        return { stream: simulateReadableStream({ chunks: complete(reply) }) };
      },
    });
    await (
      await startChatTurn(user, request, { db, model })
    ).saved;
    return prompt.filter((m) => m.role !== 'system').map((m) => promptText(m.content));
  }

  it('keeps each regenerated reply as an alternative and continues from the one chosen', async () => {
    const id = await newConversation();
    await turn({ action: 'send', conversationId: id, text: 'first' }, 'one');
    await turn({ action: 'regenerate', conversationId: id }, 'two');
    await turn({ action: 'regenerate', conversationId: id }, 'three');
    expect(await shown(id)).toEqual(['first', 'three']);
    const replies = await repliesAfter(id, 'first');
    expect(replies.map(textOf)).toEqual(['one', 'two', 'three']);
    const last = (await messagesOf(id)).at(-1)!;
    expect(last.alternatives).toEqual(replies.map((r) => r.id));

    await chooseConversationBranch(user, id, replies[0]!.id, db);
    expect(await shown(id)).toEqual(['first', 'one']);
    const prompt = await turn({ action: 'send', conversationId: id, text: 'go on' }, 'on from one');
    expect(prompt.slice(1)).toEqual(['first', 'one', 'go on']);

    // Away and back: the branch through "one" comes back with how it went on.
    await chooseConversationBranch(user, id, replies[1]!.id, db);
    expect(await shown(id)).toEqual(['first', 'two']);
    await chooseConversationBranch(user, id, replies[0]!.id, db);
    expect(await shown(id)).toEqual(['first', 'one', 'go on', 'on from one']);
  });

  it('forks a branch when an earlier message of the person is edited, answering only what came before it', async () => {
    const id = await newConversation();
    await turn({ action: 'send', conversationId: id, text: 'u1' }, 'a1');
    await turn({ action: 'send', conversationId: id, text: 'u2' }, 'a2');
    const [, u1] = await messagesOf(id);

    const prompt = await turn({ action: 'edit', conversationId: id, messageId: u1!.id, text: 'u1 again' }, 'b1');
    expect(prompt.slice(1)).toEqual(['u1 again']);
    expect(await shown(id)).toEqual(['u1 again', 'b1']);
    const [, edited] = await messagesOf(id);
    expect(edited!.alternatives).toEqual([u1!.id, edited!.id]);

    await chooseConversationBranch(user, id, u1!.id, db);
    expect(await shown(id)).toEqual(['u1', 'a1', 'u2', 'a2']);
  });

  it('edits a companion reply as a new branch, without calling a model, and goes on from the edit', async () => {
    const id = await newConversation();
    await turn({ action: 'send', conversationId: id, text: 'hello' }, 'original reply');
    const original = (await messagesOf(id)).at(-1)!;

    const edited = await editCompanionReply(user, { conversationId: id, messageId: original.id, text: 'better' }, db);
    expect(edited).toMatchObject({ role: 'assistant', status: 'complete', model: null });
    expect(edited.alternatives).toEqual([original.id, edited.id]);
    expect(await shown(id)).toEqual(['hello', 'better']);

    const prompt = await turn({ action: 'send', conversationId: id, text: 'and then?' }, 'then this');
    expect(prompt.slice(1)).toEqual(['hello', 'better', 'and then?']);

    await expect(
      editCompanionReply(user, { conversationId: id, messageId: (await messagesOf(id))[1]!.id, text: 'x' }, db),
    ).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('drops a rolling summary that reached past an edited message, so the prompt tells only this branch', async () => {
    const id = await newConversation();
    await turn({ action: 'send', conversationId: id, text: 'u1' }, 'a1');
    await turn({ action: 'send', conversationId: id, text: 'u2' }, 'a2');
    const [, u1, a1] = await messagesOf(id);
    await db.query(
      `update hearth.conversations set summary = 'THE OLD STORY',
              summary_through_seq = (select seq from hearth.messages where id = $2) where id = $1`,
      [id, a1!.id],
    );

    let system = '';
    const model = new MockLanguageModelV4({
      doStream: async (options) => {
        system = promptText(options.prompt.find((m) => m.role === 'system')?.content);
        return { stream: simulateReadableStream({ chunks: complete('fresh') }) };
      },
    });
    await (
      await startChatTurn(
        user,
        { action: 'edit', conversationId: id, messageId: u1!.id, text: 'new start' },
        { db, model },
      )
    ).saved;
    expect(system).not.toContain('THE OLD STORY');
    const [conversation] = await db.query<{ summary: string | null; through: string }>(
      'select summary, summary_through_seq::text as through from hearth.conversations where id = $1',
      [id],
    );
    expect(conversation).toEqual({ summary: null, through: '0' });
  });

  it('lists every branch through the tree, and the linear list stays the branch shown', async () => {
    const id = await newConversation();
    await turn({ action: 'send', conversationId: id, text: 'q' }, 'first answer');
    await turn({ action: 'regenerate', conversationId: id }, 'second answer');
    const tree = (await messageTreePage(user, id, { limit: 2 }, db))!;
    expect(tree.items).toHaveLength(2);
    const rest = (await messageTreePage(user, id, { limit: 50, cursor: tree.nextCursor }, db))!;
    const all = [...tree.items, ...rest.items];
    expect(all.map((m) => [textOf(m), m.active])).toEqual([
      [textOf(all[0]!), true],
      ['q', true],
      ['first answer', false],
      ['second answer', true],
    ]);
    expect(all[2]!.parentId).toBe(all[1]!.id);
    expect(all[3]!.parentId).toBe(all[1]!.id);
    expect(await shown(id)).toEqual(['q', 'second answer']);
  });

  it('hides another person’s conversation from every branch operation', async () => {
    const id = await newConversation();
    await turn({ action: 'send', conversationId: id, text: 'mine' }, 'yours truly');
    const reply = (await messagesOf(id)).at(-1)!;
    await expect(chooseConversationBranch(stranger, id, reply.id, db)).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      editCompanionReply(stranger, { conversationId: id, messageId: reply.id, text: 'taken over' }, db),
    ).rejects.toBeInstanceOf(HearthError);
    expect(await messageTreePage(stranger, id, { limit: 10 }, db)).toBeNull();
    // Raw SQL in the stranger's scope: the rows are not there to change.
    const changed = await withUser(
      stranger,
      (tx) => tx.query('update hearth.messages set active = false where conversation_id = $1 returning id', [id]),
      db,
    );
    expect(changed).toHaveLength(0);
    expect(await shown(id)).toEqual(['mine', 'yours truly']);
  });

  it('keeps the branch one path in the database: no second active child, no parent from elsewhere', async () => {
    const id = await newConversation();
    const other = await newConversation();
    await turn({ action: 'send', conversationId: id, text: 'one path' }, 'only');
    const [greeting, said] = await messagesOf(id);
    const insert = (conversationId: string, parentId: string) =>
      withUser(
        user,
        (tx) =>
          tx.query(
            `insert into hearth.messages (conversation_id, parent_id, role, parts) values ($1, $2, 'assistant', '[]')`,
            [conversationId, parentId],
          ),
        db,
      );
    await expect(insert(id, said!.id)).rejects.toMatchObject({ code: '23505' });
    await expect(insert(other, greeting!.id)).rejects.toMatchObject({ code: '23503' });
  });

  it('refuses to move the branch while a reply is being written', async () => {
    const id = await newConversation();
    await turn({ action: 'send', conversationId: id, text: 'a' }, 'b');
    const first = (await messagesOf(id)).at(-1)!;
    await turn({ action: 'regenerate', conversationId: id }, 'c');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = new MockLanguageModelV4({
      doStream: async () => ({
        stream: new ReadableStream({
          async start(controller) {
            controller.enqueue({ type: 'stream-start', warnings: [] });
            await held;
            for (const part of complete('late')) controller.enqueue(part);
            controller.close();
          },
        }),
      }),
    });
    const writing = await startChatTurn(
      user,
      { action: 'send', conversationId: id, text: 'more' },
      { db, model: slow },
    );
    await expect(chooseConversationBranch(user, id, first.id, db)).rejects.toMatchObject({ code: 'conflict' });
    release();
    await writing.saved;
    await chooseConversationBranch(user, id, first.id, db);
    expect(await shown(id)).toEqual(['a', 'b']);
  });

  /** Every reply to the person's message `text`, on whichever branch, oldest first. */
  async function repliesAfter(conversationId: string, text: string): Promise<TreeMessage[]> {
    const tree = (await messageTreePage(user, conversationId, { limit: 100 }, db))!.items;
    const parent = tree.find((m) => textOf(m) === text)!;
    return tree.filter((m) => m.parentId === parent.id);
  }
});

function promptText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter((p: { type: string }) => p.type === 'text')
    .map((p: { text: string }) => p.text)
    .join('');
}
