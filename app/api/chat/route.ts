import { createUIMessageStreamResponse, toUIMessageStream } from 'ai';
import { requireSessionUser } from '@/lib/auth/session';
import { startChatTurn } from '@/lib/chat/pipeline';
import { errorResponse } from '@/lib/errors';
import { chatRequest } from '@/lib/validation/chat';
import { parseWith, readJson } from '@/lib/validation/parse';

export async function POST(request: Request) {
  try {
    const user = await requireSessionUser('Sign in to chat.');
    const input = parseWith(chatRequest, await readJson(request));
    const turn = await startChatTurn(user, input);
    return createUIMessageStreamResponse({
      stream: toUIMessageStream({
        stream: turn.parts,
        generateMessageId: () => turn.assistantMessageId,
        messageMetadata: ({ part }) =>
          part.type === 'start' ? { model: turn.modelId, offline: turn.isOffline, userMessageId: turn.userMessageId } : undefined,
        onError: () => 'The companion could not finish this reply. Try again.',
      }),
    });
  } catch (error) {
    return errorResponse(error);
  }
}
