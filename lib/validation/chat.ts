import { z } from 'zod';
import { LANGUAGES } from '@/lib/languages';
import { MAX_MESSAGE_CHARS } from './limits';
import { text } from './text';

export const messageText = text({ multiline: true, label: 'The message', error: 'A message is required.' })
  .transform((text) => text.trim())
  .pipe(
    z
      .string()
      .min(1, 'Write something before sending.')
      .max(MAX_MESSAGE_CHARS, `Messages can be at most ${MAX_MESSAGE_CHARS.toLocaleString('en-US')} characters.`),
  );

export const uuid = z.uuid({ error: 'Not a valid id.' });

/** The `{id}` of a route like /api/v1/conversations/{id}. */
export const pathId = z.object({ id: uuid });

export const modelId = text({ label: 'The model id', error: 'A model id is required.' })
  .max(200, 'Model ids can be at most 200 characters.')
  .regex(/^[a-z][a-z0-9-]*\/\S+$/, 'Model ids read provider/model, like google/gemini-2.5-flash.');

/** A companion named by its slug or id, in a body or a filter. */
export const companionRef = text({ label: 'The companion', error: 'Name a companion by slug or id.' })
  .min(1, 'Name a companion by slug or id.')
  .max(64, 'No companion has this slug or id.');

/** The `{companion}` of a route like /api/v1/companions/{companion}. */
export const companionPath = z.object({ companion: companionRef });

/** Uploads (POST /api/v1/uploads) a message carries: up to 4 images and one voice note. */
export const attachmentIds = z.array(uuid).max(5, 'A message can carry at most 4 images and one voice note.');

// A model for this one reply instead of the conversation's.
const turnModel = { model: modelId.optional() };

/** What the web chat sends: never the history, only what is new. */
export const chatRequest = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('send'),
      conversationId: uuid,
      messageId: uuid.optional(),
      text: messageText.optional(),
      attachments: attachmentIds.optional(),
      ...turnModel,
    })
    .refine((input) => input.text || input.attachments?.length, { message: 'Write something or attach a file before sending.', path: ['text'] }),
  z.object({ action: z.literal('edit'), conversationId: uuid, text: messageText, ...turnModel }),
  // The last message travels along so a retry after a request that never reached the server
  // still answers it: the server adds it when it does not have it yet.
  z.object({
    action: z.literal('regenerate'),
    conversationId: uuid,
    messageId: uuid.optional(),
    text: messageText.optional(),
    ...turnModel,
  }),
]);
export type ChatRequest = z.infer<typeof chatRequest>;

export const conversationTitle = text({ label: 'The title', error: 'A title must be text.' })
  .transform((title) => title.trim())
  .pipe(z.string().min(1, 'A title cannot be empty.').max(200, 'Titles can be at most 200 characters.'));

export const language = z.enum(LANGUAGES, { error: 'Not a supported language.' });

export const credentials = z.object({
  email: z.email({ error: 'Enter a valid email address.' }).max(320).transform((email) => email.toLowerCase()),
  password: z.string().min(8, 'Passwords need at least 8 characters.').max(200, 'Passwords can be at most 200 characters.'),
});

export const signUp = credentials.extend({
  name: text({ label: 'The name', error: 'A name must be text.' })
    .trim()
    .max(100, 'Names can be at most 100 characters.')
    .optional()
    .transform((name) => name || undefined),
});
