import { z } from 'zod';
import { MAX_MESSAGE_CHARS } from '@/lib/validation/limits';
import { text } from '@/lib/validation/text';
import { companionRef, language, modelId, uuid } from '@/lib/validation/ids';

export const messageText = text({ multiline: true, label: 'The message', error: 'A message is required.' })
  .transform((text) => text.trim())
  .pipe(
    z
      .string()
      .min(1, 'Write something before sending.')
      .max(MAX_MESSAGE_CHARS, `Messages can be at most ${MAX_MESSAGE_CHARS.toLocaleString('en-US')} characters.`),
  );

/** Uploads (POST /api/v1/uploads) a message carries: up to 4 images and one voice note. */
export const attachmentIds = z.array(uuid).max(5, 'A message can carry at most 4 images and one voice note.');

// A model for this one reply instead of the conversation's.
const turnModel = { model: modelId.optional() };

/**
 * A draft's first message also says what to start (lib/conversations/draft.ts): the conversation
 * named by conversationId is created with it when it does not exist yet.
 */
export const draftStart = z.object({
  draft: uuid,
  companion: companionRef,
  language: language.optional(),
  model: modelId.optional(),
});

/** What the web chat sends: never the history, only what is new. */
export const chatRequest = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('send'),
      conversationId: uuid,
      messageId: uuid.optional(),
      text: messageText.optional(),
      attachments: attachmentIds.optional(),
      start: draftStart.optional(),
      ...turnModel,
    })
    .refine((input) => input.text || input.attachments?.length, {
      message: 'Write something or attach a file before sending.',
      path: ['text'],
    }),
  // An edit of one of the person's messages, the last one when none is named: a new branch from there.
  z.object({
    action: z.literal('edit'),
    conversationId: uuid,
    messageId: uuid.optional(),
    text: messageText,
    ...turnModel,
  }),
  // The last message travels along so a retry after a request that never reached the server
  // still answers it: the server adds it when it does not have it yet.
  z.object({
    action: z.literal('regenerate'),
    conversationId: uuid,
    messageId: uuid.optional(),
    text: messageText.optional(),
    start: draftStart.optional(),
    ...turnModel,
  }),
]);
export type ChatRequest = z.infer<typeof chatRequest>;
