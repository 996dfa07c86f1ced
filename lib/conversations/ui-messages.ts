import type { UIMessage } from 'ai';
import type { MessageSource, MessageStatus, Rating, StoredMessage } from '@/lib/conversations/messages';

/** What travels with each message in the web chat besides its parts. */
export type ChatMetadata = {
  status?: MessageStatus;
  model?: string | null;
  offline?: boolean;
  userMessageId?: string | null;
  /** Models that failed before this reply's first token, in the order they were tried. */
  fallbacks?: string[];
  /** 'voice': said or spoken in a call. */
  source?: MessageSource;
  /** When the message was saved (ISO); absent on a message this page has just sent or is receiving. */
  createdAt?: string;
  /** The versions that could stand in this message's place, it among them (lib/conversations/branches.ts); absent when none. */
  alternatives?: string[];
  /** The person's thumbs up (1) or down (-1) on a reply. */
  rating?: Rating | null;
};

export type ChatUIMessage = UIMessage<ChatMetadata>;

export function toUIMessage(message: StoredMessage): ChatUIMessage {
  return {
    id: message.id,
    role: message.role,
    parts: message.parts,
    metadata: {
      status: message.status,
      model: message.model,
      fallbacks: message.fallbacks?.map((f) => f.model),
      source: message.source,
      createdAt: message.createdAt.toISOString(),
      ...(message.alternatives.length > 1 ? { alternatives: message.alternatives } : {}),
      rating: message.rating,
    },
  };
}
