import { derivedUuid } from '@/lib/conversations/draft';
/**
 * The id a message the web chat named gets in the database. The browser picks an id for each new
 * message (so a retry after a lost response is recognised), but message ids are unique across all
 * users: kept as given, an id someone else's message already has was refused with a 409, which
 * told a prober that message exists. So the browser's id is only a key within its conversation:
 * the stored id is derived from it and the conversation's id (SHA-256, as a version 8 UUID), and
 * the server reports it in the reply's metadata. Another user's id can no longer be hit on purpose
 * (that would take a SHA-256 preimage), and a clash means the caller sent this message already.
 */
export function storedMessageId(conversationId: string, clientId: string): string {
  return derivedUuid(`hearth.message:${conversationId.toLowerCase()}:${clientId.toLowerCase()}`);
}
