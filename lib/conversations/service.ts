import { modelRefusal } from '@/lib/ai/routing';
import { startingSettings } from '@/lib/conversations/draft';
import { findCompanion } from '@/lib/companions/queries';
import {
  createConversation,
  getConversation,
  getConversationWithCompanion,
  listConversations,
  renameConversation,
  setConversationFlags,
  setConversationModel,
  type Conversation,
  type ConversationSummary,
  type ConversationView,
} from '@/lib/conversations/queries';
import { searchConversations, type SearchHit } from '@/lib/conversations/search';
import type { Page } from '@/lib/db/cursor';
import { listMessagePage, listNewestMessagePage, type StoredMessage } from '@/lib/conversations/messages';
import { chooseBranch, editReply, listMessageTree, type TreeMessage } from '@/lib/conversations/branches';
import type { Database, Queryable } from '@/lib/db/client';
import { withUser, type UserScope } from '@/lib/db/scope';
import type { Companion } from '@/lib/companions/queries';
import { HearthError } from '@/lib/errors';
import type { BlobStore } from '@/lib/storage';
import { deleteConversationAndFiles } from '@/lib/uploads/cleanup';
import type { Language } from '@/lib/languages';
import { greetingFor } from '@/lib/conversations/greeting';

/** What every entry point (pages, actions, the API) does with conversations, inside the user's scope. */

export async function startConversation(
  user: UserScope,
  input: { companion: string; language?: Language; title?: string; model?: string },
  db?: Database,
): Promise<ConversationSummary> {
  return withUser(
    user,
    async (tx) => {
      const companion = await findCompanion(tx, input.companion);
      if (!companion) throw new HearthError('not_found', 'This companion does not exist.');
      const { language, model } = startingSettings(companion, input);
      const conversation = await createConversation(tx, {
        companionId: companion.id,
        model,
        language,
        greeting: greetingFor(companion, language),
        title: input.title,
      });
      return { ...conversation, companion };
    },
    db,
  );
}

/** How many messages the chat page shows at first, and loads each time the person scrolls to the top. */
export const CHAT_PAGE_MESSAGES = 50;

/** A conversation as the chat page opens it: its newest messages, and the cursor to the ones before (null: none). */
export type OpenConversation = {
  conversation: Conversation;
  companion: Companion;
  messages: StoredMessage[];
  olderCursor: string | null;
};

/**
 * A conversation with its companion and newest messages (oldest first); null when it is not the
 * user's (RLS hides it). A long conversation costs one page, not its whole history.
 */
export async function openConversation(user: UserScope, id: string, db?: Database): Promise<OpenConversation | null> {
  return withUser(
    user,
    async (tx) => {
      const found = await getConversationWithCompanion(tx, id);
      if (!found) return null;
      const page = await listNewestMessagePage(tx, id, { limit: CHAT_PAGE_MESSAGES });
      return { ...found, messages: page.items, olderCursor: page.nextCursor };
    },
    db,
  );
}

/**
 * The chat page's next page going back: the messages before `cursor` (the newest page without
 * one), oldest first, and the cursor before them; null when the conversation is not the user's.
 */
export async function pageOfNewestMessages(
  user: UserScope,
  conversationId: string,
  cursor: string | null,
  db?: Database,
): Promise<Page<StoredMessage> | null> {
  return withUser(
    user,
    async (tx) =>
      (await getConversation(tx, conversationId))
        ? listNewestMessagePage(tx, conversationId, { limit: CHAT_PAGE_MESSAGES, cursor })
        : null,
    db,
  );
}

/** The user's conversations, newest first; `companion` (slug or id) narrows them to one companion. */
export function pageOfConversations(
  user: UserScope,
  options: { limit?: number; cursor?: string | null; companion?: string; view?: ConversationView } = {},
  db?: Database,
): Promise<Page<ConversationSummary>> {
  const { companion: slugOrId, ...page } = options;
  return withUser(
    user,
    async (tx) => {
      if (slugOrId === undefined) return listConversations(tx, page);
      const companion = await findCompanion(tx, slugOrId);
      if (!companion) throw new HearthError('bad_request', 'No companion has this slug or id.', { param: 'companion' });
      return listConversations(tx, { ...page, companionId: companion.id });
    },
    db,
  );
}

/** One of the user's conversations with its companion; null when it is not theirs (RLS hides it). */
export function findUserConversation(user: UserScope, id: string, db?: Database): Promise<ConversationSummary | null> {
  return withUser(user, async (tx) => summaryOf(await getConversationWithCompanion(tx, id)), db);
}

function summaryOf(found: { conversation: Conversation; companion: Companion } | null): ConversationSummary | null {
  return found && { ...found.conversation, companion: found.companion };
}

/**
 * Renames the conversation and/or switches its model in one transaction, so a model that is
 * refused (its provider is not configured) leaves the title unchanged too.
 */
export async function updateUserConversation(
  user: UserScope,
  id: string,
  changes: { title?: string; model?: string },
  db?: Database,
): Promise<ConversationSummary> {
  return withUser(
    user,
    async (tx) => {
      const found = await getConversationWithCompanion(tx, id);
      if (!found) throw new HearthError('not_found', 'This conversation does not exist.');
      if (changes.model !== undefined) {
        const refusal = modelRefusal(changes.model, found.companion);
        if (refusal) throw new HearthError('provider_not_configured', refusal);
        await setConversationModel(tx, id, changes.model);
      }
      if (changes.title !== undefined) await renameConversation(tx, id, changes.title);
      return summaryOf(await getConversationWithCompanion(tx, id))!;
    },
    db,
  );
}

/** Deletes the conversation with its messages and the files attached to them. */
export async function deleteUserConversation(
  user: UserScope,
  id: string,
  db?: Database,
  store?: BlobStore,
): Promise<void> {
  const deleted = await deleteConversationAndFiles(user, id, { db, store });
  if (!deleted) throw new HearthError('not_found', 'This conversation does not exist.');
}

/** A page of the conversation's messages, oldest first (see listMessagePage); null when it is not the user's. */
export async function pageOfMessages(
  user: UserScope,
  conversationId: string,
  page: { limit: number; cursor?: string | null },
  db?: Database,
): Promise<Page<StoredMessage> | null> {
  return pageIfTheirs(user, conversationId, (tx) => listMessagePage(tx, conversationId, page), db);
}

/** A page `read` in the user's scope; null when the conversation is not theirs. */
function pageIfTheirs<T>(
  user: UserScope,
  conversationId: string,
  read: (tx: Queryable) => Promise<Page<T>>,
  db?: Database,
): Promise<Page<T> | null> {
  return withUser(user, async (tx) => ((await getConversation(tx, conversationId)) ? read(tx) : null), db);
}

/** What the sidebar opens with: every pinned conversation, then the first page of the others. */
export type ConversationList = { pinned: ConversationSummary[]; recent: Page<ConversationSummary> };

// Pinning is for a handful; past this many the oldest pinned ones are simply not shown on top.
const MAX_PINNED = 50;

export function conversationList(user: UserScope, db?: Database): Promise<ConversationList> {
  return withUser(
    user,
    async (tx) => ({
      pinned: (await listConversations(tx, { view: 'pinned', limit: MAX_PINNED })).items,
      recent: await listConversations(tx, { view: 'recent' }),
    }),
    db,
  );
}

/** What the sidebar's menu does to a conversation. Archiving unpins: an archived one is out of the list. */
export type ListChange = 'pin' | 'unpin' | 'archive' | 'unarchive';

const FLAGS: Record<ListChange, { pinned?: boolean; archived?: boolean }> = {
  pin: { pinned: true },
  unpin: { pinned: false },
  archive: { archived: true, pinned: false },
  unarchive: { archived: false },
};

export async function changeConversationListing(
  user: UserScope,
  id: string,
  change: ListChange,
  db?: Database,
): Promise<void> {
  const changed = await withUser(user, (tx) => setConversationFlags(tx, id, FLAGS[change]), db);
  if (!changed) throw new HearthError('not_found', 'This conversation does not exist.');
}

/** The user's conversations whose title or messages hold every word of the query (see search.ts). */
export function searchUserConversations(user: UserScope, query: string, db?: Database): Promise<SearchHit[]> {
  return withUser(user, (tx) => searchConversations(tx, query), db);
}

/** Moves the conversation onto the branch through one of its messages (lib/conversations/branches.ts). */
export async function chooseConversationBranch(
  user: UserScope,
  conversationId: string,
  messageId: string,
  db?: Database,
): Promise<void> {
  await withUser(user, (tx) => chooseBranch(tx, conversationId, messageId), db);
}

/** Edits one of the companion's replies as a new branch; the reply as written stays as its alternative. */
export function editCompanionReply(
  user: UserScope,
  input: { conversationId: string; messageId: string; text: string },
  db?: Database,
): Promise<StoredMessage> {
  return withUser(user, (tx) => editReply(tx, input.conversationId, input.messageId, input.text), db);
}

/** Every message of the conversation, every branch, a page at a time; null when it is not the user's. */
export async function messageTreePage(
  user: UserScope,
  conversationId: string,
  page: { limit: number; cursor?: string | null },
  db?: Database,
): Promise<Page<TreeMessage> | null> {
  return pageIfTheirs(user, conversationId, (tx) => listMessageTree(tx, conversationId, page), db);
}
