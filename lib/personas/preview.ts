import { startCompletion } from '@/lib/chat/completion';
import type { Companion } from '@/lib/companions/queries';
import type { UserScope } from '@/lib/db/scope';
import type { StreamingReply } from '@/lib/api/reply-events';
import { completionRequest } from '@/lib/chat/completion-schemas';
import type { PersonaFields } from '@/lib/personas/schemas';

/**
 * The studio's live preview: the unsaved draft answers through the stateless completion path (the
 * same routing, persona instructions, prompt budget, fallbacks and generation as every chat), and
 * nothing is written anywhere: no conversation, no message, no usage row.
 */
export function previewReply(
  admin: UserScope,
  fields: PersonaFields,
  messages: { role: 'user' | 'assistant'; content: string }[],
): Promise<StreamingReply> {
  return startCompletion(
    admin,
    completionRequest.parse({ model: 'companion/preview', messages, stream: true, max_tokens: fields.maxOutputTokens }),
    { draft: draftCompanion(fields) },
  );
}

export function draftCompanion(fields: PersonaFields): Companion {
  return {
    id: '00000000-0000-0000-0000-000000000000',
    slug: fields.slug || 'preview',
    name: fields.name || 'Draft persona',
    tagline: fields.tagline,
    description: fields.description,
    instructions: fields.instructions,
    greeting: fields.greeting,
    avatarUrl: '',
    accentColor: fields.accentColor,
    specialties: fields.specialties,
    languages: fields.languages,
    defaultModel: fields.defaultModel,
    fallbackModels: fields.fallbackModels,
    nsfw: fields.nsfw,
    temperature: fields.temperature,
    personality: fields.personality,
    scenario: fields.scenario,
    exampleDialogue: fields.exampleDialogue,
  };
}
