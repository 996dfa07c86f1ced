import type { LanguageModel } from 'ai';
import { personaInstructions } from '@/lib/ai/persona';
import { resolveModel, type ResolvedModel } from '@/lib/ai/registry';
import { modelCandidates } from '@/lib/ai/routing';
import type { Env } from '@/lib/ai/providers';
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
  type Fallback,
  type FinishedReply,
  type HistoryEntry,
} from '@/lib/db/messages';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import type { ChatRequest } from '@/lib/validation/chat';
import { startGeneration, type Part } from './generation';
import { estimateTokens, historyForModel, titleFrom } from './history';

export type ChatTurn = {
  conversationId: string;
  userMessageId: string | null;
  assistantMessageId: string;
  /** The model answering: the conversation's until a fallback takes over before the first token. */
  readonly model: { id: string; isOffline: boolean };
  /** The models that failed before the first token; complete by the time the first part is read. */
  readonly fallbacks: readonly Fallback[];
  /** The model's stream parts for this client; the generation does not depend on anyone reading it. */
  parts: ReadableStream<Part>;
  /** Settles once the reply, complete or not, is saved. */
  saved: Promise<FinishedReply>;
};

export type ChatTurnOptions = {
  db?: Database;
  /** Where provider keys and base URLs are read from; the process's environment by default. */
  env?: Env;
  /** Tests pass a model here; it answers as the first candidate. */
  model?: LanguageModel;
};

// Room left in the context window for the reply.
const REPLY_RESERVE_TOKENS = 1_024;
// The newest messages a turn reads, so its cost stays flat however long the conversation grows;
// older turns than these need the rolling summary of the memory issue.
const HISTORY_LIMIT = 200;

/**
 * The one chat pipeline: authorize and load inside the user's RLS scope, save what the person
 * said, stream the reply from the resolved model and save it, whatever happens to the client.
 * The model is called as soon as the prompt is known and the writes run while it thinks; the
 * turn is handed to the client only once they are committed, and a failed write stops the model.
 */
export async function startChatTurn(user: UserScope, request: ChatRequest, options: ChatTurnOptions = {}): Promise<ChatTurn> {
  const startedAt = performance.now();
  const { conversation, companion, history } = await withUser(
    user,
    async (tx) => {
      const found = await getConversationWithCompanion(tx, request.conversationId);
      if (!found) throw new HearthError('not_found', 'This conversation does not exist.');
      return { ...found, history: await listHistory(tx, found.conversation.id, HISTORY_LIMIT) };
    },
    options.db,
  );

  const env = options.env ?? process.env;
  const plan = planTurn(conversation, history, request);
  const candidates = resolveCandidates(conversation, companion, request, env, options.model);
  const instructions = personaInstructions(companion, conversation.language);
  const instructionTokens = estimateTokens(instructions);

  let committed!: { resolve: () => void; reject: (error: unknown) => void };
  const generation = startGeneration({
    conversationId: conversation.id,
    candidates,
    instructions,
    messagesFor: (contextWindow) => historyForModel(plan.messages, contextWindow - REPLY_RESERVE_TOKENS - instructionTokens),
    temperature: companion.temperature,
    timeouts: {
      firstTokenMs: envMs(env, 'MODEL_FIRST_TOKEN_TIMEOUT_MS', 60_000),
      idleMs: envMs(env, 'MODEL_IDLE_TIMEOUT_MS', 30_000),
    },
    startedAt,
    committed: new Promise<void>((resolve, reject) => (committed = { resolve, reject })),
    save: (reply) => withUser(user, (tx) => finishReply(tx, plan.assistantMessageId, reply), options.db),
  });

  try {
    await withUser(user, (tx) => writeTurn(tx, conversation.id, plan, candidates[0]!.id), options.db);
    committed.resolve();
  } catch (error) {
    committed.reject(error);
    throw duplicateAsConflict(error);
  }

  return {
    conversationId: conversation.id,
    userMessageId: plan.userMessageId,
    assistantMessageId: plan.assistantMessageId,
    get model() {
      return { id: generation.model.id, isOffline: generation.model.isOffline };
    },
    fallbacks: generation.fallbacks,
    parts: generation.parts,
    saved: generation.saved,
  };
}

function resolveCandidates(
  conversation: Conversation,
  companion: Companion,
  request: ChatRequest,
  env: Env,
  testModel?: LanguageModel,
): ResolvedModel[] {
  const ids = modelCandidates({ requested: request.model, conversationModel: conversation.model, companion }, env);
  const context = { persona: companion, language: conversation.language };
  const resolved = ids.map((id) => resolveModel(id, context, env));
  if (testModel) resolved[0] = { ...resolved[0]!, model: testModel };
  return resolved;
}

/** What a turn writes, decided from what was read; ids are chosen here so the model need not wait. */
type TurnPlan = {
  /** The history the model answers. */
  messages: HistoryEntry[];
  userMessageId: string | null;
  assistantMessageId: string;
  newUserMessage?: { id: string; text: string };
  editedUserMessage?: { id: string; text: string };
  /** Whatever followed the person's last message, replaced by this turn's reply. */
  replacedIds: string[];
  title?: string;
};

export function planTurn(conversation: Conversation, history: HistoryEntry[], request: ChatRequest): TurnPlan {
  const assistantMessageId = crypto.randomUUID();
  const isFirstUserMessage = !history.some((m) => m.role === 'user');
  const title = isFirstUserMessage && request.text && conversation.title === 'New chat' ? titleFrom(request.text) : undefined;

  const unsaved = request.action === 'regenerate' && request.messageId && request.text && !history.some((m) => m.id === request.messageId);
  if (request.action === 'send' || unsaved) {
    const message = { id: request.messageId ?? crypto.randomUUID(), text: request.text! };
    return {
      messages: [...history, { id: message.id, role: 'user', text: message.text }],
      userMessageId: message.id,
      assistantMessageId,
      newUserMessage: message,
      replacedIds: [],
      title,
    };
  }

  const lastUserIndex = history.findLastIndex((m) => m.role === 'user');
  if (lastUserIndex < 0) {
    throw new HearthError('bad_request', 'There is no message of yours to answer yet.');
  }
  const lastUser = history[lastUserIndex]!;
  const replacedIds = history.slice(lastUserIndex + 1).map((m) => m.id);
  if (request.action === 'edit') {
    return {
      messages: [...history.slice(0, lastUserIndex), { id: lastUser.id, role: 'user', text: request.text }],
      userMessageId: lastUser.id,
      assistantMessageId,
      editedUserMessage: { id: lastUser.id, text: request.text },
      replacedIds,
    };
  }
  return { messages: history.slice(0, lastUserIndex + 1), userMessageId: null, assistantMessageId, replacedIds };
}

async function writeTurn(tx: Queryable, conversationId: string, plan: TurnPlan, model: string): Promise<void> {
  await deleteMessages(tx, plan.replacedIds);
  if (plan.editedUserMessage) await updateMessageText(tx, plan.editedUserMessage.id, plan.editedUserMessage.text);
  if (plan.newUserMessage) {
    await insertMessage(tx, { ...plan.newUserMessage, conversationId, role: 'user', status: 'complete' });
  }
  await startReply(tx, { id: plan.assistantMessageId, conversationId, model, title: plan.title });
}

function envMs(env: Env, name: string, fallback: number): number {
  const value = Number(env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function duplicateAsConflict(error: unknown): unknown {
  return (error as { code?: string } | null)?.code === '23505' ? new HearthError('conflict', 'This message was already sent.') : error;
}
