import { z } from 'zod';
import { MAX_MESSAGE_CHARS } from './limits';
import { modelId } from './chat';
import { text } from './text';

// OpenAI's clients send many more fields than these; the ones not read here are ignored.
const messageText = text({ multiline: true, label: 'The message' });
const textPart = z.object({ type: z.literal('text'), text: messageText });

const content = z
  .union([messageText, z.array(textPart)], { error: 'Content is a string or a list of text parts.' })
  .transform((value) => (typeof value === 'string' ? value : value.map((part) => part.text).join('')))
  .pipe(z.string().max(MAX_MESSAGE_CHARS * 4, 'A message is too long.'));

const message = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant'], { error: 'Roles are system, user or assistant.' }),
  content,
});

/** An OpenAI chat completion request: `model` is `companion/<slug>` or a catalogue model id. */
export const completionRequest = z.object({
  model: modelId,
  messages: z
    .array(message, { error: 'Send the conversation as messages.' })
    .max(500, 'At most 500 messages.')
    .refine((messages) => messages.some((m) => m.role === 'user'), 'Send at least one user message.'),
  stream: z.boolean().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
});
export type CompletionRequest = z.infer<typeof completionRequest>;
