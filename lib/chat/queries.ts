import type { Queryable } from '@/lib/db/client';
import type { Language } from '@/lib/languages';
import type { StoredMessage } from '@/lib/conversations/messages';

/** A companion's reply with what reading it aloud needs: the conversation's language and the companion's voices. */
export type ReplyToRead = {
  parts: StoredMessage['parts'];
  language: Language;
  voice: string | null;
  voices: Partial<Record<Language, string>> | null;
};

/** The reply, if it is a companion's message the caller can see (RLS hides everyone else's). */
export async function replyToRead(tx: Queryable, messageId: string): Promise<ReplyToRead | null> {
  const [row] = await tx.query<ReplyToRead>(
    `select m.parts, c.language, p.voice, p.voices
       from hearth.messages m
       join hearth.conversations c on c.id = m.conversation_id
       join hearth.companions p on p.id = c.companion_id
      where m.id = $1 and m.role = 'assistant'`,
    [messageId],
  );
  return row ?? null;
}
