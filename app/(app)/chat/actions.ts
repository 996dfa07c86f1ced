'use server';

import { sessionUser } from '@/lib/actions';
import type { Rating } from '@/lib/conversations/messages';
import { rateReply } from '@/lib/conversations/ratings';
import { ratingOrClear } from '@/lib/conversations/rating-schemas';
import { pageOfNewestMessages } from '@/lib/conversations/service';
import { toUIMessage, type ChatUIMessage } from '@/lib/conversations/ui-messages';
import { toHearthError } from '@/lib/errors';
import { uuid } from '@/lib/validation/ids';
import { pageCursor } from '@/lib/validation/pagination';
import { parseWith } from '@/lib/validation/parse';

/** A page of the chat, oldest first, with the cursor to the messages before it; or what went wrong. */
export type ChatPageResult =
  { ok: true; messages: ChatUIMessage[]; olderCursor: string | null } | { ok: false; error: string };

/**
 * The messages before `cursor` as the chat page shows them (the newest page without a cursor):
 * what it loads when the person scrolls to the top, and reads again after a reply. Takes the
 * request quota like every server action.
 */
export async function chatPageAction(conversationId: string, cursor: string | null): Promise<ChatPageResult> {
  try {
    const page = await pageOfNewestMessages(
      await sessionUser(),
      parseWith(uuid, conversationId),
      cursor === null ? null : parseWith(pageCursor, cursor),
    );
    if (!page) return { ok: false, error: 'This conversation does not exist any more.' };
    return { ok: true, messages: page.items.map(toUIMessage), olderCursor: page.nextCursor };
  } catch (error) {
    return { ok: false, error: toHearthError(error).message };
  }
}

/** What rating a reply tells the page: the rating now stored, or what went wrong. */
export type RateReplyResult = { ok: true; rating: Rating | null } | { ok: false; error: string };

/**
 * Thumbs up (1), down (-1) or cleared (null) on a companion's reply; the page sends null when the
 * person clicks the thumb already pressed. Takes the request quota like every server action.
 */
export async function rateReplyAction(messageId: string, rating: Rating | null): Promise<RateReplyResult> {
  try {
    const message = await rateReply(await sessionUser(), {
      messageId: parseWith(uuid, messageId),
      rating: parseWith(ratingOrClear, rating),
    });
    return { ok: true, rating: message.rating };
  } catch (error) {
    return { ok: false, error: toHearthError(error).message };
  }
}
