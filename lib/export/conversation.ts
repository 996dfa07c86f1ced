import { getConversationWithCompanion, type ConversationSummary } from '@/lib/conversations/queries';
import { listMessages, type StoredMessage } from '@/lib/conversations/messages';
import type { Database, Queryable } from '@/lib/db/client';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import { downloadName } from './filename';
import { conversationExportJson } from './json';
import { conversationMarkdown } from './markdown';

export type ExportFormat = 'md' | 'json';

/** A file to download: its name, type and text. */
export type ExportFile = { fileName: string; contentType: string; text: string };

/** A conversation with its companion and all its messages, oldest first; null when it is not the user's. */
export async function readConversation(
  tx: Queryable,
  id: string,
): Promise<{ conversation: ConversationSummary; messages: StoredMessage[] } | null> {
  const found = await getConversationWithCompanion(tx, id);
  if (!found) return null;
  return { conversation: { ...found.conversation, companion: found.companion }, messages: await listMessages(tx, id) };
}

/** One conversation as Markdown or JSON, in one file. */
export function exportFile(
  { conversation, messages }: { conversation: ConversationSummary; messages: StoredMessage[] },
  format: ExportFormat,
  now: Date,
): ExportFile {
  const fileName = downloadName(conversation.title, now, format);
  return format === 'md'
    ? { fileName, contentType: 'text/markdown; charset=utf-8', text: conversationMarkdown(conversation, messages, now) }
    : {
        fileName,
        contentType: 'application/json; charset=utf-8',
        text: `${JSON.stringify(conversationExportJson(conversation, messages, now), null, 2)}\n`,
      };
}

/** The user's conversation as a download; someone else's (RLS hides it) is not found. */
export async function exportConversation(
  user: UserScope,
  id: string,
  format: ExportFormat,
  { db, now = new Date() }: { db?: Database; now?: Date } = {},
): Promise<ExportFile> {
  const read = await withUser(user, (tx) => readConversation(tx, id), db);
  if (!read) throw new HearthError('not_found', 'This conversation does not exist.');
  return exportFile(read, format, now);
}
