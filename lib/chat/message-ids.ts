import { createHash } from 'node:crypto';

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
  const digest = createHash('sha256')
    .update(`hearth.message:${conversationId.toLowerCase()}:${clientId.toLowerCase()}`)
    .digest();
  digest[6] = (digest[6]! & 0x0f) | 0x80; // version 8: custom
  digest[8] = (digest[8]! & 0x3f) | 0x80; // the RFC 9562 variant
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
