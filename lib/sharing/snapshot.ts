import { textOf, type StoredMessage } from '@/lib/conversations/messages';

/** One message as a shared link shows it: who said it and its text, nothing else. */
export type SnapshotMessage = { role: 'user' | 'assistant'; text: string };

/** A link shows at most this many messages: the newest, with how many earlier ones were left out. */
export const SNAPSHOT_MAX_MESSAGES = 500;

/**
 * The copy a shared link keeps of a conversation's messages: the text of finished ones (a reply
 * still being written or one that failed is left out), without files, pictures, model ids or
 * timestamps. Messages with no text (a picture alone) are left out too.
 */
export function snapshotOf(messages: readonly StoredMessage[]): { messages: SnapshotMessage[]; omitted: number } {
  const shown = messages
    .filter((m) => (m.role === 'user' || m.role === 'assistant') && (m.status === 'complete' || m.status === 'aborted'))
    .map((m) => ({ role: m.role, text: textOf(m).trim() }))
    .filter((m) => m.text.length > 0);
  const omitted = Math.max(0, shown.length - SNAPSHOT_MAX_MESSAGES);
  return { messages: shown.slice(omitted), omitted };
}
