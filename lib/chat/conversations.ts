import { modelRefusal, preferredModel } from '@/lib/ai/routing';
import { findCompanion } from '@/lib/db/companions';
import {
  createConversation,
  deleteConversation,
  getConversationWithCompanion,
  listConversations,
  renameConversation,
  setConversationModel,
  type Conversation,
  type ConversationSummary,
  type Page,
} from '@/lib/db/conversations';
import { listMessages, type StoredMessage } from '@/lib/db/messages';
import type { Database } from '@/lib/db/client';
import { withUser, type UserScope } from '@/lib/db/scope';
import type { Companion } from '@/lib/db/companions';
import { HearthError } from '@/lib/errors';
import type { Language } from '@/lib/languages';

/** What every entry point (pages, actions, the API) does with conversations, inside the user's scope. */

export async function startConversation(
  user: UserScope,
  input: { companion: string; language?: Language; title?: string; model?: string },
  db?: Database,
): Promise<Conversation> {
  return withUser(
    user,
    async (tx) => {
      const companion = await findCompanion(tx, input.companion);
      if (!companion) throw new HearthError('not_found', 'This companion does not exist.');
      const language = input.language && companion.languages.includes(input.language) ? input.language : companion.languages[0]!;
      const refusal = input.model && modelRefusal(input.model, companion);
      if (refusal) throw new HearthError('provider_not_configured', refusal);
      return createConversation(tx, {
        companionId: companion.id,
        model: input.model ?? preferredModel(companion),
        language,
        greeting: companion.greeting,
        title: input.title,
      });
    },
    db,
  );
}

export type OpenConversation = { conversation: Conversation; companion: Companion; messages: StoredMessage[] };

/** A conversation with its companion and messages; null when it is not the user's (RLS hides it). */
export async function openConversation(user: UserScope, id: string, db?: Database): Promise<OpenConversation | null> {
  return withUser(
    user,
    async (tx) => {
      const found = await getConversationWithCompanion(tx, id);
      return found && { ...found, messages: await listMessages(tx, id) };
    },
    db,
  );
}

export function pageOfConversations(
  user: UserScope,
  options: { limit?: number; cursor?: string | null } = {},
  db?: Database,
): Promise<Page<ConversationSummary>> {
  return withUser(user, (tx) => listConversations(tx, options), db);
}

export async function renameUserConversation(user: UserScope, id: string, title: string, db?: Database): Promise<void> {
  const renamed = await withUser(user, (tx) => renameConversation(tx, id, title), db);
  if (!renamed) throw new HearthError('not_found', 'This conversation does not exist.');
}

export async function deleteUserConversation(user: UserScope, id: string, db?: Database): Promise<void> {
  const deleted = await withUser(user, (tx) => deleteConversation(tx, id), db);
  if (!deleted) throw new HearthError('not_found', 'This conversation does not exist.');
}

export async function changeConversationModel(user: UserScope, id: string, model: string, db?: Database): Promise<void> {
  await withUser(
    user,
    async (tx) => {
      const found = await getConversationWithCompanion(tx, id);
      if (!found) throw new HearthError('not_found', 'This conversation does not exist.');
      const refusal = modelRefusal(model, found.companion);
      if (refusal) throw new HearthError('provider_not_configured', refusal);
      await setConversationModel(tx, id, model);
    },
    db,
  );
}
