import { streamText, type LanguageModel, type TextStreamPart, type ToolSet } from 'ai';
import { costUsd } from '@/lib/ai/catalogue';
import { personaInstructions } from '@/lib/ai/persona';
import { resolveModel, type ResolvedModel } from '@/lib/ai/registry';
import type { Database, Queryable } from '@/lib/db/client';
import type { Companion } from '@/lib/db/companions';
import { getConversationWithCompanion, type Conversation } from '@/lib/db/conversations';
import {
  deleteMessages,
  finishReply,
  insertMessage,
  listHistory,
  startReply,
  updateMessageText,
  type FinishedReply,
  type HistoryEntry,
} from '@/lib/db/messages';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import type { ChatRequest } from '@/lib/validation/chat';
import { registerGeneration, releaseGeneration } from './active';
import { historyForModel, titleFrom } from './history';

type Part = TextStreamPart<ToolSet>;

export type ChatTurn = {
  conversationId: string;
  userMessageId: string | null;
  assistantMessageId: string;
  modelId: string;
  isOffline: boolean;
  /** The model's stream parts for this client; the generation does not depend on anyone reading it. */
  parts: ReadableStream<Part>;
  /** Settles once the reply, complete or not, is saved. */
  saved: Promise<FinishedReply>;
};

export type ChatTurnOptions = {
  db?: Database;
  /** Tests pass a model here; otherwise the conversation's model is resolved from the registry. */
  model?: LanguageModel;
};

// Room left in the context window for the reply.
const REPLY_RESERVE_TOKENS = 1_024;
// The newest messages a turn reads, so its cost stays flat however long the conversation grows;
// older turns than these need the rolling summary of the memory issue.
const HISTORY_LIMIT = 200;

/**
 * The one chat pipeline: authorize and load inside the user's RLS scope, save what the person
 * said, then stream the reply from the resolved model and save it, whatever happens to the client.
 */
export async function startChatTurn(user: UserScope, request: ChatRequest, options: ChatTurnOptions = {}): Promise<ChatTurn> {
  const startedAt = performance.now();

  const turn = await withUser(
    user,
    async (tx) => {
      const found = await getConversationWithCompanion(tx, request.conversationId);
      if (!found) throw new HearthError('not_found', 'This conversation does not exist.');
      const { conversation, companion } = found;
      const resolved = resolveModel([conversation.model, companion.defaultModel], {
        persona: companion,
        language: conversation.language,
      });
      const history = await listHistory(tx, conversation.id, HISTORY_LIMIT);
      const { messages, userMessageId } = await applyRequest(tx, conversation, history, request);
      const isFirstUserMessage = !history.some((m) => m.role === 'user');
      const title = isFirstUserMessage && request.text && conversation.title === 'New chat' ? titleFrom(request.text) : undefined;
      const assistantMessageId = await startReply(tx, { conversationId: conversation.id, model: resolved.id, title });
      return { conversation, companion, resolved, messages, userMessageId, assistantMessageId };
    },
    options.db,
  );

  return generate(user, turn, startedAt, options);
}

/** Writes what the request changes and returns the history the model should see. */
async function applyRequest(
  tx: Queryable,
  conversation: Conversation,
  history: HistoryEntry[],
  request: ChatRequest,
): Promise<{ messages: HistoryEntry[]; userMessageId: string | null }> {
  const unsaved = request.action === 'regenerate' && request.messageId && request.text && !history.some((m) => m.id === request.messageId);
  if (request.action === 'send' || unsaved) {
    const text = request.text!;
    const id = await insertMessage(tx, {
      id: request.messageId,
      conversationId: conversation.id,
      role: 'user',
      text,
      status: 'complete',
    }).catch((error: { code?: string }) => {
      if (error.code === '23505') throw new HearthError('conflict', 'This message was already sent.');
      throw error;
    });
    return { messages: [...history, { id, role: 'user', text }], userMessageId: id };
  }

  const lastUserIndex = history.findLastIndex((m) => m.role === 'user');
  if (lastUserIndex < 0) {
    throw new HearthError('bad_request', 'There is no message of yours to answer yet.');
  }
  const lastUser = history[lastUserIndex]!;
  // Both edit and regenerate replace whatever followed the person's last message.
  await deleteMessages(tx, history.slice(lastUserIndex + 1).map((m) => m.id));
  if (request.action === 'edit') {
    await updateMessageText(tx, lastUser.id, request.text);
    return { messages: [...history.slice(0, lastUserIndex), { id: lastUser.id, role: 'user', text: request.text }], userMessageId: lastUser.id };
  }
  return { messages: history.slice(0, lastUserIndex + 1), userMessageId: null };
}

type PreparedTurn = {
  conversation: Conversation;
  companion: Companion;
  resolved: ResolvedModel;
  messages: HistoryEntry[];
  userMessageId: string | null;
  assistantMessageId: string;
};

function generate(user: UserScope, turn: PreparedTurn, startedAt: number, options: ChatTurnOptions): ChatTurn {
  const { conversation, companion, resolved } = turn;
  const controller = registerGeneration(conversation.id);
  const instructions = personaInstructions(companion, conversation.language);
  const budget = resolved.contextWindow - REPLY_RESERVE_TOKENS - Math.ceil(instructions.length / 4);

  const result = streamText({
    model: options.model ?? resolved.model,
    instructions,
    messages: historyForModel(turn.messages, budget),
    temperature: companion.temperature,
    abortSignal: controller.signal,
    // The error is saved with the reply; one line in the log is enough (the SDK would print a stack).
    onError: ({ error }) => console.warn(`[chat] model error in ${conversation.id}: ${describe(error)}`),
  });

  // One reader drives the generation to its end and hands each part on to the client while the
  // client is there; a client that leaves stops receiving, never the generation.
  const client: { sink: ReadableStreamDefaultController<Part> | null } = { sink: null };
  const parts = new ReadableStream<Part>({
    start: (controller) => {
      client.sink = controller;
    },
    cancel: () => {
      client.sink = null;
    },
  });
  const forward = (part: Part) => {
    try {
      client.sink?.enqueue(part);
    } catch {
      client.sink = null;
    }
  };

  // A stalled provider ends as an error the person can retry, not a reply that never finishes:
  // a watchdog for the first token, then for each gap between tokens.
  let timedOut: string | undefined;
  let watchdog: NodeJS.Timeout | undefined;
  const watch = (ms: number, what: string) => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      timedOut = `The model timed out: ${what} for ${ms} ms.`;
      controller.abort(new Error(timedOut));
    }, ms);
  };
  watch(envMs('MODEL_FIRST_TOKEN_TIMEOUT_MS', 60_000), 'no first token');
  const idleMs = envMs('MODEL_IDLE_TIMEOUT_MS', 30_000);

  const saved = (async (): Promise<FinishedReply> => {
    let text = '';
    let ttftMs: number | undefined;
    let usage: { inputTokens?: number; outputTokens?: number } = {};
    let status: FinishedReply['status'] = 'complete';
    let error: string | undefined;
    try {
      for await (const part of result.stream) {
        if (part.type === 'text-delta') {
          watch(idleMs, 'no new text');
          ttftMs ??= Math.round(performance.now() - startedAt);
          text += part.text;
        } else if (part.type === 'finish') {
          usage = { inputTokens: part.totalUsage.inputTokens, outputTokens: part.totalUsage.outputTokens };
          if (part.finishReason === 'interrupted' && status === 'complete') {
            status = 'error';
            error = 'The model stopped before finishing its reply.';
          }
        } else if (part.type === 'error') {
          status = 'error';
          error = describe(part.error);
        } else if (part.type === 'abort' && timedOut) {
          status = 'error';
          error = timedOut;
          forward({ type: 'error', error: new Error(timedOut) });
          continue;
        } else if (part.type === 'abort') {
          status = 'aborted';
        }
        forward(part);
      }
    } catch (caught) {
      status = controller.signal.aborted && !timedOut ? 'aborted' : 'error';
      error = status === 'error' ? (timedOut ?? describe(caught)) : undefined;
      forward({ type: 'error', error: timedOut ? new Error(timedOut) : caught });
    } finally {
      clearTimeout(watchdog);
      releaseGeneration(conversation.id, controller);
    }
    const reply: FinishedReply = {
      text,
      status,
      error,
      ...usage,
      ttftMs,
      latencyMs: Math.round(performance.now() - startedAt),
      costUsd: costUsd(resolved.id, usage),
    };
    try {
      await withUser(user, (tx) => finishReply(tx, turn.assistantMessageId, reply), options.db);
    } finally {
      // Closing only now means a client that reloads on "finished" sees the saved reply.
      try {
        client.sink?.close();
      } catch {
        // the client already went away
      }
    }
    return reply;
  })();
  saved.catch((e) => console.error('[chat] could not save the reply', turn.assistantMessageId, e));

  return {
    conversationId: conversation.id,
    userMessageId: turn.userMessageId,
    assistantMessageId: turn.assistantMessageId,
    modelId: resolved.id,
    isOffline: resolved.isOffline,
    parts,
    saved,
  };
}

function envMs(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** The error as saved and logged: with its cause, and never with a configured key in it. */
function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  const text = (error instanceof Error ? error.message : String(error)) + cause;
  return secretValues().reduce((redacted, secret) => redacted.replaceAll(secret, '[redacted]'), text);
}

function secretValues(): string[] {
  return Object.entries(process.env)
    .filter(([name, value]) => /(_API_KEY|_SECRET)$/.test(name) && value && value.length >= 8)
    .map(([, value]) => value!);
}
