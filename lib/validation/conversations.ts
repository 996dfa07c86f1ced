import { z } from 'zod';
import { conversationTitle, language, modelId } from './chat';
import { pageQuery } from './pagination';

export const listConversationsQuery = pageQuery({ defaultLimit: 20, maxLimit: 100 }).extend({
  companion: z.string().min(1, 'Name a companion by slug or id.').max(64, 'No companion has this slug or id.').optional(),
});

/** A PATCH names only what changes; an unknown field is refused rather than silently ignored. */
export const updateConversationRequest = z
  .strictObject({ title: conversationTitle.optional(), model: modelId.optional() })
  .refine((changes) => changes.title !== undefined || changes.model !== undefined, 'Send a title, a model or both.');

// Enough for every conversation the web chat shows in one or two requests.
export const listMessagesQuery = pageQuery({ defaultLimit: 100, maxLimit: 500 });

/** POST /api/v1/conversations. */
export const createConversationRequest = z.object({
  companion: z.string().min(1, 'Name a companion by slug or id.').max(64),
  language: language.optional(),
  title: conversationTitle.optional(),
  model: modelId.optional(),
});
