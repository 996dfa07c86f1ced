import type { ChatUIMessage } from '@/lib/chat/ui-messages';
import type { MessageStatus } from '@/lib/db/messages';

/** Every message of the conversation, following next_cursor across pages; null when a request fails. */
export async function loadMessages(conversationId: string): Promise<ChatUIMessage[] | null> {
  type Listed = { id: string; role: 'user' | 'assistant'; parts: ChatUIMessage['parts']; status: MessageStatus; model: string | null; fallbacks: { model: string }[] };
  const listed: Listed[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: '500', ...(cursor ? { cursor } : {}) });
    const response = await fetch(`/api/v1/conversations/${conversationId}/messages?${query}`).catch(() => null);
    if (!response?.ok) return null;
    const page = (await response.json()) as { data: Listed[]; next_cursor: string | null };
    listed.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor);
  return listed.map((m) => ({
    id: m.id,
    role: m.role,
    parts: m.parts,
    metadata: { status: m.status, model: m.model, fallbacks: m.fallbacks.map((f) => f.model) },
  }));
}
