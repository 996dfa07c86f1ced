import { z } from 'zod';
import { companionRef, conversationTitle, language, modelId } from './chat';
import { pageQuery } from './pagination';

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
