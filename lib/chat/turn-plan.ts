import type { Queryable } from '@/lib/db/client';
import type { Conversation } from '@/lib/conversations/queries';
import { editedCopyStatement, leaveBranchStatement } from '@/lib/conversations/branches';
import {
  insertMessageStatement,
  startReplyStatement,
  type HistoryEntry,
  type MessageSource,
} from '@/lib/conversations/messages';
import { runStatement, type Statement } from '@/lib/db/statement';
import { HearthError } from '@/lib/errors';
import type { ChatRequest } from '@/lib/chat/schemas';
import { attachUploadsStatement, type Upload } from '@/lib/uploads/queries';
import { attachmentParts, spokenText } from './attachments';
import { storedMessageId } from './message-ids';
import { titleFrom } from './history';

/**
 * A chat turn's plan, decided from what was read before the model is called, and its writes,
 * made once the model has answered: which messages it adds, and where it moves the conversation's
 * branch (lib/conversations/branches.ts). Nothing is deleted: a regenerated reply and an edited
 * message stay as alternatives of the new ones.
 */

/** What the web chat sends, or 'answer': reply to the person's last message, which has none yet. */
export type TurnRequest = ChatRequest | { action: 'answer'; conversationId: string; model?: string };

/** What a turn writes, decided from what was read; ids are chosen here so the model need not wait. */
type TurnPlan = {
  /** The history the model answers. */
  messages: HistoryEntry[];
  userMessageId: string | null;
  assistantMessageId: string;
  /** The message the reply follows. */
  replyParentId: string;
  /** After `parentId`, or at the end of the branch when it is not known (an unsaved draft). */
  newUserMessage?: NewUserMessage;
  /** One of the person's messages, edited: a copy beside it with the new text and the same files. */
  editedUserMessage?: { id: string; of: string; text: string };
  /** Where the branch the turn replaces starts (its seq): it is kept, no longer shown. */
  leaveFromSeq?: string;
  title?: string;
};

export function planTurn(
  conversation: Conversation,
  history: HistoryEntry[],
  request: TurnRequest,
  attachments: Upload[] = [],
): TurnPlan {
  const assistantMessageId = crypto.randomUUID();
  if (request.action === 'answer') {
    const last = history.at(-1);
    if (last?.role !== 'user') throw new HearthError('conflict', 'There is no message of yours waiting for a reply.');
    return { messages: history, userMessageId: last.id, assistantMessageId, replyParentId: last.id };
  }
  if (request.action === 'edit') return planEdit(conversation, history, request, assistantMessageId);
  const isFirstUserMessage = !history.some((m) => m.role === 'user');
  const said = request.action === 'send' ? spokenText(request.text, attachments) : request.text;
  const title = isFirstUserMessage && conversation.title === 'New chat' ? titleOf(said, attachments) : undefined;

  // The browser names a message by its own id or, once saved, by the stored one.
  const named = request.messageId;
  const storedId = named && storedMessageId(conversation.id, named);
  const unsaved =
    request.action === 'regenerate' &&
    storedId &&
    request.text &&
    !history.some((m) => m.id === named || m.id === storedId);
  if (request.action === 'send' || unsaved) {
    const id = storedId || crypto.randomUUID();
    const message = { id, text: said ?? '', attachments, parentId: history.at(-1)?.id };
    return {
      messages: [...history, { id, role: 'user', text: message.text }],
      userMessageId: id,
      assistantMessageId,
      replyParentId: id,
      newUserMessage: message,
      title,
    };
  }

  const lastUserIndex = history.findLastIndex((m) => m.role === 'user');
  if (lastUserIndex < 0) {
    throw new HearthError('bad_request', 'There is no message of yours to answer yet.');
  }
  const lastUser = history[lastUserIndex]!;
  return {
    messages: history.slice(0, lastUserIndex + 1),
    userMessageId: null,
    assistantMessageId,
    replyParentId: lastUser.id,
    leaveFromSeq: history[lastUserIndex + 1]?.seq,
  };
}

/**
 * An edit of one of the person's messages (the last one when none is named), read with the
 * history up to it: the edit is a new branch from there, answered afresh.
 */
function planEdit(
  conversation: Conversation,
  history: HistoryEntry[],
  request: Extract<TurnRequest, { action: 'edit' }>,
  assistantMessageId: string,
): TurnPlan {
  const named = request.messageId;
  const index = named
    ? history.findIndex((m) => m.id === named || m.id === storedMessageId(conversation.id, named))
    : history.findLastIndex((m) => m.role === 'user');
  const target = history[index];
  if (!target) throw new HearthError('not_found', 'This message is not part of the conversation as it reads now.');
  if (target.role !== 'user')
    throw new HearthError('bad_request', 'Only your own messages are answered again when edited.');
  const id = crypto.randomUUID();
  return {
    messages: [...history.slice(0, index), { id, role: 'user', text: request.text }],
    userMessageId: id,
    assistantMessageId,
    replyParentId: id,
    editedUserMessage: { id, of: target.id, text: request.text },
    leaveFromSeq: target.seq,
  };
}

/**
 * What the turn writes, as statements for one message (sendAsUser): one round trip, one
 * transaction. A statement that finds other than the turn read refuses (hearth.refuse), and
 * nothing is written.
 */
export function turnWrites(conversationId: string, plan: TurnPlan, model: string, source?: MessageSource): Statement[] {
  return [
    ...(plan.leaveFromSeq ? [leaveBranchStatement(conversationId, plan.leaveFromSeq)] : []),
    ...(plan.editedUserMessage ? [editedCopyStatement({ ...plan.editedUserMessage, source: source ?? 'text' })] : []),
    ...(plan.newUserMessage ? userMessageStatements(conversationId, plan.newUserMessage, source) : []),
    startReplyStatement({
      id: plan.assistantMessageId,
      conversationId,
      parentId: plan.replyParentId,
      model,
      title: plan.title,
      source,
    }),
  ];
}

export async function insertUserMessage(
  tx: Queryable,
  conversationId: string,
  message: NewUserMessage,
  source?: MessageSource,
): Promise<void> {
  for (const statement of userMessageStatements(conversationId, message, source)) await runStatement(tx, statement);
}

type NewUserMessage = { id: string; text: string; attachments: Upload[]; parentId?: string };

function userMessageStatements(conversationId: string, message: NewUserMessage, source?: MessageSource): Statement[] {
  const parts = [
    ...attachmentParts(message.attachments),
    ...(message.text ? [{ type: 'text', text: message.text }] : []),
  ];
  const insert = insertMessageStatement({
    id: message.id,
    text: message.text,
    parts,
    conversationId,
    parentId: message.parentId,
    role: 'user',
    status: 'complete',
    source,
  });
  const uploads = message.attachments.map((u) => u.id);
  return uploads.length
    ? [insert, attachUploadsStatement(uploads, { conversationId, messageId: message.id })]
    : [insert];
}

/** A title from the first message: its words, else what it carried. */
function titleOf(text: string | undefined, attachments: readonly Upload[]): string | undefined {
  if (text) return titleFrom(text);
  if (attachments.some((u) => u.kind === 'audio')) return 'Voice note';
  return attachments.length ? 'Picture' : undefined;
}
