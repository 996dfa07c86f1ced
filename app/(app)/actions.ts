'use server';

import { attempt, sessionUser, type ActionResult } from '@/lib/actions';
import {
  changeConversationListing,
  conversationList,
  deleteUserConversation,
  pageOfConversations,
  searchUserConversations,
  updateUserConversation,
  type ConversationList,
} from '@/lib/conversations/service';
import { listChange, listView, searchQuery } from '@/lib/conversations/schemas';
import type { SearchHit } from '@/lib/conversations/search';
import type { ConversationSummary } from '@/lib/conversations/queries';
import type { Page } from '@/lib/db/cursor';
import { toHearthError } from '@/lib/errors';
import { modelId, uuid } from '@/lib/validation/ids';
import { conversationTitle } from '@/lib/conversations/schemas';
import { pageCursor } from '@/lib/validation/pagination';
import { parseWith } from '@/lib/validation/parse';

/** Runs a change to the conversation list and refreshes the pages that show it. */
const attemptChange = (fn: () => Promise<unknown>) => attempt(fn, '/', 'layout');

export async function renameConversationAction(id: string, title: string): Promise<ActionResult> {
  return attemptChange(async () => {
    await updateUserConversation(await sessionUser(), parseWith(uuid, id), {
      title: parseWith(conversationTitle, title),
    });
  });
}

export async function deleteConversationAction(id: string): Promise<ActionResult> {
  return attemptChange(async () => deleteUserConversation(await sessionUser(), parseWith(uuid, id)));
}

/** The sidebar's list as it opens: after a reply it is read again, without rendering the chat page again. */
export async function conversationListAction(): Promise<ConversationList> {
  return conversationList(await sessionUser());
}

/** The next page of the list's body, or of the archived conversations (`cursor` null: the first). */
export async function moreConversationsAction(
  cursor: string | null,
  view: 'recent' | 'archived' = 'recent',
): Promise<Page<ConversationSummary>> {
  return pageOfConversations(await sessionUser(), {
    cursor: cursor === null ? null : parseWith(pageCursor, cursor),
    view: parseWith(listView, view),
  });
}

/** Pin, unpin, archive or unarchive one of the person's conversations. */
export async function changeListingAction(id: string, change: string): Promise<ActionResult> {
  return attemptChange(async () =>
    changeConversationListing(await sessionUser(), parseWith(uuid, id), parseWith(listChange, change)),
  );
}

/** The search box's results: conversations whose title or messages hold every word typed. */
export async function searchConversationsAction(
  query: string,
): Promise<{ ok: true; hits: SearchHit[] } | { ok: false; error: string }> {
  try {
    return { ok: true, hits: await searchUserConversations(await sessionUser(), parseWith(searchQuery, query)) };
  } catch (error) {
    return { ok: false, error: toHearthError(error).message };
  }
}

/** Switches the conversation's model; refused with the reason when its provider is not configured. */
export async function changeModelAction(conversationId: string, model: string): Promise<ActionResult> {
  return attemptChange(async () => {
    await updateUserConversation(await sessionUser(), parseWith(uuid, conversationId), {
      model: parseWith(modelId, model),
    });
  });
}
