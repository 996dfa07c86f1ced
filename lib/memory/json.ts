import type { ListedMemory, MemorySettings } from '@/lib/memory/queries';

/** A memory as the REST API shows it. */
export function memoryJson(m: ListedMemory) {
  return {
    id: m.id,
    kind: m.kind,
    content: m.content,
    importance: m.importance,
    event_date: m.eventDate,
    shared: m.companionId === null,
    conversation_id: m.sourceConversationId,
    conversation_title: m.conversationTitle,
    created_at: new Date(m.createdAt).toISOString(),
    updated_at: new Date(m.updatedAt).toISOString(),
    last_used_at: m.lastUsedAt ? new Date(m.lastUsedAt).toISOString() : null,
  };
}

/** What a companion remembers, with the switches that govern it. */
export function memoriesJson(settings: MemorySettings, memories: ListedMemory[]) {
  return { enabled: settings.enabled, shared: settings.shared, data: memories.map(memoryJson) };
}
