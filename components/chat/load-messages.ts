import { chatPageAction } from '@/app/(app)/chat/actions';
import type { ChatUIMessage } from '@/lib/conversations/ui-messages';

export type NewestPage = { messages: ChatUIMessage[]; olderCursor: string | null };

/** The conversation's newest page as saved, oldest first, with the cursor before it; null when the read fails. */
export async function loadNewestMessages(conversationId: string): Promise<NewestPage | null> {
  const result = await chatPageAction(conversationId, null).catch(() => null);
  return result?.ok ? { messages: result.messages, olderCursor: result.olderCursor } : null;
}
