import type { ConversationSummary } from '@/lib/conversations/queries';

/** A conversation as the REST API shows it, in lists and on its own. */
export function conversationJson(c: ConversationSummary) {
  return {
    id: c.id,
    companion: { id: c.companion.id, slug: c.companion.slug, name: c.companion.name },
    model: c.model,
    title: c.title,
    language: c.language,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}
