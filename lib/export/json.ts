import { z } from 'zod';
import { isoTimestamp, timestamp } from '@/lib/api/openapi/shapes';
import { conversationJson, conversationJsonSchema } from '@/lib/conversations/json';
import { messageJson, messageJsonSchema } from '@/lib/conversations/message-json';
import type { ConversationSummary } from '@/lib/conversations/queries';
import type { StoredMessage } from '@/lib/conversations/messages';

/** A conversation export: the conversation and every message, as the REST API shows them. */
export const conversationExportJsonSchema = z
  .object({
    format: z.literal('hearth.conversation'),
    version: z.literal(1),
    exported_at: timestamp,
    conversation: conversationJsonSchema,
    messages: z.array(messageJsonSchema),
  })
  .meta({ id: 'ConversationExport' });

export function conversationExportJson(
  conversation: ConversationSummary,
  messages: StoredMessage[],
  exportedAt: Date,
): z.output<typeof conversationExportJsonSchema> {
  return {
    format: 'hearth.conversation',
    version: 1,
    exported_at: isoTimestamp(exportedAt),
    conversation: conversationJson(conversation),
    messages: messages.map(messageJson),
  };
}
