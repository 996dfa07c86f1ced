import { z } from 'zod';
import { isoTimestamp, timestamp } from '@/lib/api/openapi/shapes';
import type { ConversationSummary } from '@/lib/conversations/queries';

export const conversationJsonSchema = z
  .object({
    id: z.uuid(),
    companion: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
    model: z.string(),
    title: z.string(),
    language: z.string(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'Conversation' });

/** A conversation as the REST API shows it, in lists and on its own. */
export function conversationJson(c: ConversationSummary): z.output<typeof conversationJsonSchema> {
  return {
    id: c.id,
    companion: { id: c.companion.id, slug: c.companion.slug, name: c.companion.name },
    model: c.model,
    title: c.title,
    language: c.language,
    created_at: isoTimestamp(c.createdAt),
    updated_at: isoTimestamp(c.updatedAt),
  };
}
