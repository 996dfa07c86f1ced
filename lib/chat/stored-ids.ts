import type { ChatUIMessage } from '@/lib/conversations/ui-messages';

/**
 * The reply being written, put where a message with its id is (or after the rest). The web chat's
 * new message goes to the server under the browser's own id and is kept under one derived from it
 * (message-ids.ts), which the reply's metadata reports as `userMessageId`: the message the reply
 * answers takes that id here, so the page and the database name it alike (a later reload,
 * regeneration or comparison with the saved conversation). Done in the same update as the reply,
 * never from an older copy of the list, which would put back text the reply had already grown past.
 */
export function placeReply(messages: ChatUIMessage[], reply: ChatUIMessage): ChatUIMessage[] {
  const found = messages.findLastIndex((m) => m.id === reply.id);
  const at = found === -1 ? messages.length : found;
  const placed = found === -1 ? [...messages, reply] : messages.with(found, reply);
  const asked = placed[at - 1];
  const stored = reply.metadata?.userMessageId;
  if (asked?.role !== 'user' || !stored || stored === asked.id || placed.some((m) => m.id === stored)) return placed;
  return placed.with(at - 1, { ...asked, id: stored });
}
