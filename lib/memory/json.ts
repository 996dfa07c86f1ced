import { z } from 'zod';
import { isoTimestamp, isoTimestampOrNull, timestamp } from '@/lib/api/openapi/shapes';
import type { ListedMemory, MemorySettings } from '@/lib/memory/queries';

export const memoryJsonSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['fact', 'preference', 'relationship', 'event']),
    content: z.string().meta({ examples: ['Lives in Utrecht.'] }),
    importance: z.number().int().min(1).max(5),
    event_date: z.iso.date().nullable().meta({ description: 'For events: the day, YYYY-MM-DD.' }),
    shared: z.boolean().meta({ description: 'About the person in general, shared by every companion (the opt-in).' }),
    conversation_id: z.uuid().nullable().meta({ description: 'The conversation it was learned in.' }),
    conversation_title: z.string().nullable(),
    source_text: z
      .string()
      .nullable()
      .meta({ description: 'The start of the message it was learned from; null once that message is gone.' }),
    created_at: timestamp,
    updated_at: timestamp,
    last_used_at: timestamp.nullable(),
  })
  .meta({ id: 'Memory' });

export const memoriesJsonSchema = z
  .object({
    enabled: z.boolean().meta({ description: 'Whether this companion remembers and recalls.' }),
    shared: z.boolean().meta({ description: 'Whether general memories are shared by all companions.' }),
    data: z.array(memoryJsonSchema),
  })
  .meta({ id: 'Memories' });

export const forgottenJsonSchema = z.object({ deleted: z.number().int() });

/** A memory as the REST API shows it. */
export function memoryJson(m: ListedMemory): z.output<typeof memoryJsonSchema> {
  return {
    id: m.id,
    kind: m.kind,
    content: m.content,
    importance: m.importance,
    event_date: m.eventDate,
    shared: m.companionId === null,
    conversation_id: m.sourceConversationId,
    conversation_title: m.conversationTitle,
    source_text: m.sourceText,
    created_at: isoTimestamp(m.createdAt),
    updated_at: isoTimestamp(m.updatedAt),
    last_used_at: isoTimestampOrNull(m.lastUsedAt),
  };
}

/** What a companion remembers, with the switches that govern it. */
export function memoriesJson(settings: MemorySettings, memories: ListedMemory[]): z.output<typeof memoriesJsonSchema> {
  return { enabled: settings.enabled, shared: settings.shared, data: memories.map(memoryJson) };
}

/** How many memories forgetting everything deleted. */
export function forgottenJson(deleted: number): z.output<typeof forgottenJsonSchema> {
  return { deleted };
}
