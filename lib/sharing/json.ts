import { z } from 'zod';
import { isoTimestamp, timestamp } from '@/lib/api/openapi/shapes';
import type { SharedLink } from './queries';

export const shareJsonSchema = z
  .object({
    id: z.uuid(),
    url: z.string().meta({ description: 'The public page: anyone with it can read the copy, no sign-in needed.' }),
    conversation_id: z.uuid(),
    title: z.string().meta({ description: 'The conversation’s title when it was shared.' }),
    companion_name: z.string(),
    shows_name: z.boolean().meta({ description: 'Whether the page shows your name (otherwise “You”).' }),
    message_count: z.number().int(),
    created_at: timestamp,
  })
  .meta({ id: 'SharedLink' });

/** The public page of a link. */
export function sharePath(token: string): string {
  return `/share/${token}`;
}

/** A shared link as its owner sees it, with its full URL at the origin the client reached. */
export function shareJson(link: SharedLink, origin: string): z.output<typeof shareJsonSchema> {
  return {
    id: link.id,
    url: new URL(sharePath(link.token), origin).toString(),
    conversation_id: link.conversationId,
    title: link.title,
    companion_name: link.companionName,
    shows_name: link.showsName,
    message_count: link.messageCount,
    created_at: isoTimestamp(link.createdAt),
  };
}
