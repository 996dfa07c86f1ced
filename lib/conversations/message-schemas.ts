import { z } from 'zod';
import { attachmentIds, messageText } from '@/lib/chat/schemas';
import { modelId } from '@/lib/validation/ids';

/** POST /api/v1/conversations/{id}/messages. Strict: a misspelt option is an error, not ignored. */
export const postMessageRequest = z
  .strictObject({
    content: messageText.optional(),
    attachments: attachmentIds.optional(),
    model: modelId.optional(),
    stream: z.boolean().default(false),
    reply: z.boolean().default(true),
  })
  .refine((input) => input.content || input.attachments?.length, {
    message: 'Send "content", "attachments" or both.',
    path: ['content'],
  })
  .refine((input) => input.reply || !input.stream, {
    message: 'There is no reply to stream with "reply": false.',
    path: ['stream'],
  });
