import type { ChatUIMessage } from '@/lib/conversations/ui-messages';

/**
 * The web chat's new message goes to the server under the browser's own id and is kept under one
 * derived from it (message-ids.ts), which the reply's metadata reports as `userMessageId`. This
 * gives the shown message that id, so the page and the database name it alike (a later reload,
 * regeneration or comparison with the saved conversation); null when every id already agrees.
 */
export function adoptStoredIds(messages: ChatUIMessage[]): ChatUIMessage[] | null {
  let changed = false;
  const adopted = messages.map((message, index) => {
    const next = messages[index + 1];
    const stored = next?.role === 'assistant' ? next.metadata?.userMessageId : undefined;
    if (message.role !== 'user' || !stored || stored === message.id || messages.some((m) => m.id === stored))
      return message;
    changed = true;
    return { ...message, id: stored };
  });
  return changed ? adopted : null;
}
