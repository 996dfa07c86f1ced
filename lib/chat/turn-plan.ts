import type { Queryable } from '@/lib/db/client';
import type { Conversation } from '@/lib/conversations/queries';
import {
  deleteMessages,
  insertMessage,
  startReply,
  updateMessageText,
  type HistoryEntry,
  type MessageSource,
} from '@/lib/conversations/messages';
import { HearthError } from '@/lib/errors';
import type { ChatRequest } from '@/lib/chat/schemas';
import { attachUploads, type Upload } from '@/lib/uploads/queries';
import { attachmentParts, spokenText } from './attachments';
import { storedMessageId } from './message-ids';
import { titleFrom } from './history';

/**
 * A chat turn's plan, decided from what was read before the model is called, and its writes,
 * made once the model has answered: which messages it adds, edits or replaces.
 */

/** What the web chat sends, or 'answer': reply to the person's last message, which has none yet. */
export type TurnRequest = ChatRequest | { action: 'answer'; conversationId: string; model?: string };

/** What a turn writes, decided from what was read; ids are chosen here so the model need not wait. */
type TurnPlan = {
  /** The history the model answers. */
  messages: HistoryEntry[];
  userMessageId: string | null;
  assistantMessageId: string;
  newUserMessage?: { id: string; text: string; attachments: Upload[] };
  editedUserMessage?: { id: string; text: string };
  /** Whatever followed the person's last message, replaced by this turn's reply. */
  replacedIds: string[];
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
    return { messages: history, userMessageId: last.id, assistantMessageId, replacedIds: [] };
  }
  const isFirstUserMessage = !history.some((m) => m.role === 'user');
  const said = request.action === 'send' ? spokenText(request.text, attachments) : request.text;
  const title = isFirstUserMessage && conversation.title === 'New chat' ? titleOf(said, attachments) : undefined;

  // The browser names a message by its own id or, once saved, by the stored one.
  const named = request.action === 'edit' ? undefined : request.messageId;
  const storedId = named && storedMessageId(conversation.id, named);
  const unsaved =
    request.action === 'regenerate' &&
    storedId &&
    request.text &&
    !history.some((m) => m.id === named || m.id === storedId);
  if (request.action === 'send' || unsaved) {
    const message = { id: storedId || crypto.randomUUID(), text: said ?? '', attachments };
    return {
      messages: [...history, { id: message.id, role: 'user', text: message.text }],
      userMessageId: message.id,
      assistantMessageId,
      newUserMessage: message,
      replacedIds: [],
      title,
    };
  }

  const lastUserIndex = history.findLastIndex((m) => m.role === 'user');
  if (lastUserIndex < 0) {
    throw new HearthError('bad_request', 'There is no message of yours to answer yet.');
  }
  const lastUser = history[lastUserIndex]!;
  const replacedIds = history.slice(lastUserIndex + 1).map((m) => m.id);
  if (request.action === 'edit') {
    return {
      messages: [...history.slice(0, lastUserIndex), { id: lastUser.id, role: 'user', text: request.text }],
      userMessageId: lastUser.id,
      assistantMessageId,
      editedUserMessage: { id: lastUser.id, text: request.text },
      replacedIds,
    };
  }
  return { messages: history.slice(0, lastUserIndex + 1), userMessageId: null, assistantMessageId, replacedIds };
}

export async function writeTurn(
  tx: Queryable,
  conversationId: string,
  plan: TurnPlan,
  model: string,
  source?: MessageSource,
): Promise<void> {
  await deleteMessages(tx, plan.replacedIds);
  if (plan.editedUserMessage) await updateMessageText(tx, plan.editedUserMessage.id, plan.editedUserMessage.text);
  if (plan.newUserMessage) await insertUserMessage(tx, conversationId, plan.newUserMessage, source);
  await startReply(tx, { id: plan.assistantMessageId, conversationId, model, title: plan.title, source });
}

export async function insertUserMessage(
  tx: Queryable,
  conversationId: string,
  message: { id: string; text: string; attachments: Upload[] },
  source?: MessageSource,
): Promise<string> {
  const parts = [
    ...attachmentParts(message.attachments),
    ...(message.text ? [{ type: 'text', text: message.text }] : []),
  ];
  const id = await insertMessage(tx, {
    id: message.id,
    text: message.text,
    parts,
    conversationId,
    role: 'user',
    status: 'complete',
    source,
  });
  const attached = await attachUploads(
    tx,
    message.attachments.map((u) => u.id),
    { conversationId, messageId: id },
  );
  // Two messages sent at once with the same file: the second finds it taken and writes nothing.
  if (attached < message.attachments.length)
    throw new HearthError('conflict', 'A file of this message is already part of another message.');
  return id;
}

/** A title from the first message: its words, else what it carried. */
function titleOf(text: string | undefined, attachments: readonly Upload[]): string | undefined {
  if (text) return titleFrom(text);
  if (attachments.some((u) => u.kind === 'audio')) return 'Voice note';
  return attachments.length ? 'Picture' : undefined;
}
