import { z } from 'zod';
import { isoTimestamp, timestamp } from '@/lib/api/openapi/shapes';
import { textOf, type StoredMessage } from '@/lib/conversations/messages';
import type { TreeMessage } from '@/lib/conversations/branches';
import { ratingValue } from '@/lib/conversations/rating-schemas';
import { uploadIdOf } from '@/lib/uploads/service';

const nullableNumber = z.number().nullable();

export const messageJsonSchema = z
  .object({
    id: z.uuid(),
    role: z.enum(['user', 'assistant']),
    content: z.string(),
    parts: z.array(
      z.union([
        z.object({ type: z.literal('text'), text: z.string() }),
        z.object({
          type: z.literal('file'),
          mediaType: z.string(),
          url: z.string().meta({ description: 'The upload: /api/v1/uploads/{id}/content.' }),
          filename: z.string().optional(),
        }),
      ]),
    ),
    attachments: z.array(z.uuid()).meta({ description: 'The ids of the uploads the message carries.' }),
    model: z.string().nullable(),
    status: z.enum(['complete', 'streaming', 'error', 'aborted']).meta({
      description: '`aborted`: stopped, or for a `voice` reply, interrupted (barge-in, or the caller hung up).',
    }),
    source: z
      .enum(['text', 'voice'])
      .meta({ description: '`voice`: said in a call (the user message carries its audio) or spoken there.' }),
    usage: z.object({ input_tokens: nullableNumber, output_tokens: nullableNumber, estimated: z.boolean() }),
    fallbacks: z
      .array(z.object({ model: z.string(), error: z.string() }))
      .meta({ description: 'Models that failed before this one answered.' }),
    cost_usd: nullableNumber,
    rating: ratingValue
      .nullable()
      .meta({ description: "The person's thumbs up (1) or down (-1) on a reply; null when not rated." }),
    ttft_ms: nullableNumber,
    latency_ms: nullableNumber,
    created_at: timestamp,
    parent_id: z
      .uuid()
      .nullable()
      .meta({ description: 'The message this one follows: the conversation is a tree (null: its first message).' }),
    alternatives: z.array(z.uuid()).meta({
      description:
        'The versions that could stand here, this one among them, oldest first: replies a regenerate kept, edits that forked a branch. One when there are none.',
    }),
  })
  .meta({ id: 'Message' });

type MessageJson = z.output<typeof messageJsonSchema>;

/** A message as the REST API shows it, with what its reply used and cost. */
export function messageJson(m: StoredMessage): MessageJson {
  return {
    id: m.id,
    role: m.role,
    content: textOf(m),
    parts: m.parts,
    attachments: m.parts.flatMap((part) => (part.type === 'file' ? (uploadIdOf(part.url) ?? []) : [])),
    model: m.model,
    status: m.status,
    source: m.source,
    usage: { input_tokens: m.inputTokens, output_tokens: m.outputTokens, estimated: m.usageEstimated },
    fallbacks: m.fallbacks ?? [],
    cost_usd: m.costUsd,
    rating: m.rating,
    ttft_ms: m.ttftMs,
    latency_ms: m.latencyMs,
    created_at: isoTimestamp(m.createdAt),
    parent_id: m.parentId,
    alternatives: m.alternatives,
  };
}

/**
 * What posting a message answers without streaming: the person's message (null when there was none
 * to save) and the reply; or, with `reply: false`, the message alone.
 */
export const postMessageJsonSchema = z.xor([
  z.object({ user_message: messageJsonSchema.nullable(), assistant_message: messageJsonSchema }),
  z.object({ message: messageJsonSchema }),
]);

type PostMessageJson = z.output<typeof postMessageJsonSchema>;

export function turnJson(userMessage: StoredMessage | null, assistantMessage: StoredMessage): PostMessageJson {
  return { user_message: userMessage && messageJson(userMessage), assistant_message: messageJson(assistantMessage) };
}

export function savedMessageJson(message: StoredMessage): PostMessageJson {
  return { message: messageJson(message) };
}

export const treeMessageJsonSchema = z
  .object({
    id: z.uuid(),
    role: z.enum(['user', 'assistant']),
    content: z.string(),
    status: z.enum(['complete', 'streaming', 'error', 'aborted']),
    parent_id: z.uuid().nullable(),
    active: z.boolean().meta({ description: 'On the branch the conversation reads as now (the message list).' }),
    created_at: timestamp,
  })
  .meta({ id: 'TreeMessage' });

/** A message as the tree lists it: where it hangs and whether it is on the branch shown. */
export function treeMessageJson(m: TreeMessage): z.output<typeof treeMessageJsonSchema> {
  return {
    id: m.id,
    role: m.role,
    content: textOf(m),
    status: m.status,
    parent_id: m.parentId,
    active: m.active,
    created_at: isoTimestamp(m.createdAt),
  };
}
