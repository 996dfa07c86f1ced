import { z } from 'zod';
import { attachmentIds, messageText } from '@/lib/chat/schemas';
import { modelId, uuid } from '@/lib/validation/ids';
import { pageQuery } from '@/lib/validation/pagination';

/** POST /api/v1/conversations/{id}/messages. Strict: a misspelt option is an error, not ignored. */
export const postMessageRequest = z
  .strictObject({
    content: messageText.optional(),
    attachments: attachmentIds.optional(),
    model: modelId.optional(),
    stream: z.boolean().default(false),
    reply: z.boolean().default(true),
    edit_of: uuid
      .optional()
      .meta({ description: 'One of your earlier messages: `content` replaces it as a new branch, answered afresh.' }),
  })
  .refine((input) => input.content || input.attachments?.length, {
    message: 'Send "content", "attachments" or both.',
    path: ['content'],
  })
  .refine((input) => input.reply || !input.stream, {
    message: 'There is no reply to stream with "reply": false.',
    path: ['stream'],
  })
  .refine((input) => !input.edit_of || (input.content && !input.attachments?.length && input.reply), {
    message: 'An edit ("edit_of") takes "content" only: its files stay, and it is always answered.',
    path: ['edit_of'],
  });

/** PATCH /api/v1/conversations/{id}/messages/{message_id}: a companion's reply, edited as a new branch. */
export const editReplyRequest = z.strictObject({ content: messageText });

/** POST /api/v1/conversations/{id}/branch: the message the conversation goes on from. */
export const chooseBranchRequest = z.strictObject({ message_id: uuid });

// Every branch: a tree page holds up to this many of its messages.
export const messageTreeQuery = pageQuery({ defaultLimit: 100, maxLimit: 500 });
