'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { attempt, sessionUser, type ActionResult } from '@/lib/actions';
import {
  deleteUserConversation,
  pageOfConversations,
  startConversation,
  updateUserConversation,
} from '@/lib/conversations/service';
import type { ConversationSummary } from '@/lib/conversations/queries';
import type { Page } from '@/lib/db/cursor';
import { toHearthError } from '@/lib/errors';
import { companionRef, language, modelId, uuid } from '@/lib/validation/ids';
import { conversationTitle } from '@/lib/conversations/schemas';
import { pageCursor } from '@/lib/validation/pagination';
import { parseWith } from '@/lib/validation/parse';

/** Runs a change to the conversation list and refreshes the pages that show it. */
const attemptChange = (fn: () => Promise<unknown>) => attempt(fn, '/', 'layout');

/** "Start chat": a new conversation that opens with the companion's greeting. */
export async function startChatAction(companion: string, chatLanguage?: string): Promise<ActionResult> {
  let id: string;
  try {
    const conversation = await startConversation(await sessionUser(), {
      companion: parseWith(companionRef, companion),
      language: chatLanguage === undefined ? undefined : parseWith(language, chatLanguage),
    });
    id = conversation.id;
    revalidatePath('/', 'layout');
  } catch (error) {
    return { ok: false, error: toHearthError(error).message };
  }
  redirect(`/chat/${id}`);
}

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

export async function moreConversationsAction(cursor: string): Promise<Page<ConversationSummary>> {
  return pageOfConversations(await sessionUser(), { cursor: parseWith(pageCursor, cursor) });
}

/** Switches the conversation's model; refused with the reason when its provider is not configured. */
export async function changeModelAction(conversationId: string, model: string): Promise<ActionResult> {
  return attemptChange(async () => {
    await updateUserConversation(await sessionUser(), parseWith(uuid, conversationId), {
      model: parseWith(modelId, model),
    });
  });
}
