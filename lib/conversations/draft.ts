import { createHash } from 'node:crypto';
import { modelRefusal, preferredModel } from '@/lib/ai/routing';
import type { Companion } from '@/lib/companions/queries';
import { HearthError } from '@/lib/errors';
import type { Language } from '@/lib/languages';

/**
 * A conversation the web chat has opened but not written yet: "Start chat" shows the companion's
 * greeting and writes nothing, and the first message creates the conversation with it, in the
 * same transaction as that message (lib/chat/pipeline.ts). So leaving without a word leaves no
 * empty "New chat" behind.
 *
 * The page names the conversation before it exists, so the chat can use its id from the start
 * (its address, Stop, reconnecting to a reply). The id is derived from the person's id and a
 * random draft key, like a message's (lib/chat/message-ids.ts): an id picked by the browser could
 * be one somebody else's conversation has, and the clash would tell a prober it exists.
 */
export function draftConversationId(userId: string, draftKey: string): string {
  return derivedUuid(`hearth.conversation:${userId.toLowerCase()}:${draftKey.toLowerCase()}`);
}

/** The greeting's id, shown in the draft and then stored under it. */
export function draftGreetingId(conversationId: string): string {
  return derivedUuid(`hearth.greeting:${conversationId.toLowerCase()}`);
}

/** The language and model a new conversation with this companion starts with; refused when that model cannot answer. */
export function startingSettings(
  companion: Companion,
  input: { language?: Language; model?: string },
): { language: Language; model: string } {
  const language =
    input.language && companion.languages.includes(input.language) ? input.language : companion.languages[0]!;
  const refusal = input.model && modelRefusal(input.model, companion);
  if (refusal) throw new HearthError('provider_not_configured', refusal);
  return { language, model: input.model ?? preferredModel(companion) };
}

/** A UUID named by `name`: its SHA-256 as a version 8 UUID (RFC 9562), which nobody can aim at another's. */
export function derivedUuid(name: string): string {
  const digest = createHash('sha256').update(name).digest();
  digest[6] = (digest[6]! & 0x0f) | 0x80;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
