import { z } from 'zod';
import { requireApiUser } from '@/lib/auth/api-user';
import { startConversation } from '@/lib/chat/conversations';
import { companionBySlugOrId } from '@/lib/chat/companions';
import { errorResponse } from '@/lib/errors';
import { conversationTitle, language, modelId } from '@/lib/validation/chat';
import { parseWith, readJson } from '@/lib/validation/parse';

const createConversation = z.object({
  companion: z.string().min(1, 'Name a companion by slug or id.').max(64),
  language: language.optional(),
  title: conversationTitle.optional(),
  model: modelId.optional(),
});

/** Starts a conversation that opens with the companion's greeting. */
export async function POST(request: Request) {
  try {
    const user = await requireApiUser(request);
    const input = parseWith(createConversation, await readJson(request));
    const conversation = await startConversation(user, input);
    const companion = await companionBySlugOrId(user, conversation.companionId);
    return Response.json(
      {
        id: conversation.id,
        companion: companion && { id: companion.id, slug: companion.slug, name: companion.name },
        model: conversation.model,
        title: conversation.title,
        language: conversation.language,
        created_at: conversation.createdAt,
        updated_at: conversation.updatedAt,
      },
      { status: 201 },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
