'use server';

import { sessionUser } from '@/lib/actions';
import { chooseConversationBranch, editCompanionReply, pageOfNewestMessages } from '@/lib/conversations/service';
import { messageText } from '@/lib/chat/schemas';
import type { UserScope } from '@/lib/db/scope';
import type { Rating } from '@/lib/conversations/messages';
import { rateReply } from '@/lib/conversations/ratings';
import { ratingOrClear } from '@/lib/conversations/rating-schemas';
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
    const user = await sessionUser();
    return await newestPage(
      user,
      parseWith(uuid, conversationId),
      cursor === null ? null : parseWith(pageCursor, cursor),
    );
  } catch (error) {
    return { ok: false, error: toHearthError(error).message };
  }
}

/** Shows the conversation as it went on from another version of a message; answers with its newest page. */
export async function chooseVersionAction(conversationId: string, messageId: string): Promise<ChatPageResult> {
  try {
    const user = await sessionUser();
    const id = parseWith(uuid, conversationId);
    await chooseConversationBranch(user, id, parseWith(uuid, messageId));
    return await newestPage(user, id, null);
  } catch (error) {
    return { ok: false, error: toHearthError(error).message };
  }
}

/** Saves the person's version of a companion's reply as a new branch; answers with the newest page. */
export async function editReplyAction(
  conversationId: string,
  messageId: string,
  text: string,
): Promise<ChatPageResult> {
  try {
    const user = await sessionUser();
    const id = parseWith(uuid, conversationId);
    await editCompanionReply(user, {
      conversationId: id,
      messageId: parseWith(uuid, messageId),
      text: parseWith(messageText, text),
    });
    return await newestPage(user, id, null);
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

async function newestPage(user: UserScope, conversationId: string, cursor: string | null): Promise<ChatPageResult> {
  const page = await pageOfNewestMessages(user, conversationId, cursor);
  if (!page) return { ok: false, error: 'This conversation does not exist any more.' };
  return { ok: true, messages: page.items.map(toUIMessage), olderCursor: page.nextCursor };
}
