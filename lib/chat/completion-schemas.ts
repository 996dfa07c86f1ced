import { z } from 'zod';
import { MAX_MESSAGE_CHARS } from '@/lib/validation/limits';
import { modelId } from '@/lib/validation/ids';
import { text } from '@/lib/validation/text';

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

function maxTokens(name: string) {
  return z
    .number({ error: `${name} must be a number.` })
    .int(`${name} must be a whole number.`)
    .positive(`${name} must be at least 1.`)
    .nullish();
}

/** An OpenAI chat completion request: `model` is `companion/<slug>` or a catalogue model id. */
export const completionRequest = z.object({
  model: modelId,
  messages: z
    .array(message, { error: 'Send the conversation as messages.' })
    .max(500, 'At most 500 messages.')
    .refine((messages) => messages.some((m) => m.role === 'user'), 'Send at least one user message.'),
  stream: z.boolean().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  // Above the caps (persona, model, server) is clamped to them, not refused: lib/chat/output-cap.ts.
  max_tokens: maxTokens('max_tokens'),
  max_completion_tokens: maxTokens('max_completion_tokens'),
});
export type CompletionRequest = z.infer<typeof completionRequest>;
