import { z } from 'zod';
import { companionRef, language, modelId, uuid } from '@/lib/validation/ids';
import { text } from '@/lib/validation/text';
import { pageQuery } from '@/lib/validation/pagination';

export const conversationTitle = text({ label: 'The title', error: 'A title must be text.' })
  .transform((title) => title.trim())
  .pipe(z.string().min(1, 'A title cannot be empty.').max(200, 'Titles can be at most 200 characters.'));

export const listConversationsQuery = pageQuery({ defaultLimit: 20, maxLimit: 100 }).extend({
  companion: companionRef.optional(),
});

/** A PATCH names only what changes; an unknown field is refused rather than silently ignored. */
export const updateConversationRequest = z
  .strictObject({ title: conversationTitle.optional(), model: modelId.optional() })
  .refine((changes) => changes.title !== undefined || changes.model !== undefined, 'Send a title, a model or both.');

// Enough for every conversation the web chat shows in one or two requests.
export const listMessagesQuery = pageQuery({ defaultLimit: 100, maxLimit: 500 });

/** POST /api/v1/conversations. */
export const createConversationRequest = z.object({
  companion: companionRef,
  language: language.optional(),
  title: conversationTitle.optional(),
  model: modelId.optional(),
});

/** What the sidebar's menu may do to a conversation. */
export const listChange = z.enum(['pin', 'unpin', 'archive', 'unarchive'], { error: 'Not a change to the list.' });

/** The two lists the sidebar pages through. */
export const listView = z.enum(['recent', 'archived'], { error: 'Not a list of conversations.' });

/** The sidebar's search box: any text, of which search.ts keeps the first few words. */
export const searchQuery = text({ label: 'The search', error: 'Search for some text.' }).pipe(
  z.string().max(200, 'Searches can be at most 200 characters.'),
);

/**
 * The draft chat's address: /chat/new?companion=…&language=…&draft=…. A language the companion
 * does not speak, or none, gives its first one.
 */
export const newChatQuery = z.object({
  companion: companionRef,
  language: language.optional().catch(undefined),
  model: modelId.optional().catch(undefined),
  draft: uuid.optional().catch(undefined),
});
