import type { LanguageModel } from 'ai';
import { personaInstructions } from '@/lib/ai/persona';
import { modelCandidates } from '@/lib/ai/routing';
import type { Env } from '@/lib/ai/providers';
import { getDb } from '@/lib/db';
import type { Database, Queryable } from '@/lib/db/client';
import { getConversationWithCompanion, type Conversation } from '@/lib/conversations/queries';
import { embedWhatWasSaid } from '@/lib/memory/embed';
import { chooseMemories, memoryBudget, recallCandidates } from '@/lib/memory/recall';
import { memorySection, summarySection } from '@/lib/memory/prompt';
import {
  deleteMessages,
  finishReply,
  getMessage,
  insertMessage,
  listHistory,
  startReply,
  touchConversation,
  updateMessageText,
  type Fallback,
  type FilePart,
  type FinishedReply,
  type HistoryEntry,
  type MessageSource,
  type StoredMessage,
} from '@/lib/conversations/messages';
import { withUser, type UserScope } from '@/lib/db/scope';
import { HearthError } from '@/lib/errors';
import type { ChatRequest } from '@/lib/chat/schemas';
import { attachUploads, type Upload } from '@/lib/uploads/queries';
import type { BlobStore } from '@/lib/storage';
import { afterReply, memoryExtractor } from './after-reply';
import { attachmentParts, loadNewAttachments, recentHistoryAttachments, spokenText, withImages } from './attachments';
import { imageTools } from './image-tool';
import { storedMessageId } from './message-ids';
import { generationTimeouts, startGeneration, type Generation, type Part } from './generation';
import { outputCeiling } from './output-cap';
import { resolveCandidates } from './candidates';
import { promptFor, titleFrom } from './history';
import { replyProgressTicker } from './reply-progress';

/** What the web chat sends, or 'answer': reply to the person's last message, which has none yet. */
export type TurnRequest = ChatRequest | { action: 'answer'; conversationId: string; model?: string };

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
  /** Settles once what the turn taught the companion is stored (after the reply, off its path). */
  remembered: Promise<void>;
};

export type ChatTurnOptions = {
  db?: Database;
  /** Where provider keys and base URLs are read from; the process's environment by default. */
  env?: Env;
  /** Tests pass a model here; it answers as the first candidate. */
  model?: LanguageModel;
  /** Where attached files are read from; the deployment's blob store by default. */
  store?: BlobStore;
  /** 'voice' for a call's turns: both messages are marked as spoken. */
  source?: MessageSource;
};

// The newest messages a turn reads, so its cost stays flat however long the conversation grows;
// the rolling summary carries the turns before them (folding keeps well under this).
const HISTORY_LIMIT = 200;

/**
 * The one chat pipeline: authorize and load inside the user's RLS scope, save what the person
 * said, stream the reply from the resolved model and save it, whatever happens to the client.
 * The model is called as soon as the prompt is known and the writes run while it thinks; the
 * turn is handed to the client only once they are committed, and a failed write stops the model.
 */
export async function startChatTurn(
  user: UserScope,
  request: TurnRequest,
  options: ChatTurnOptions = {},
): Promise<ChatTurn> {
  const startedAt = performance.now();
  const env = options.env ?? process.env;
  const budget = memoryBudget(env);
  // With an embedding model, what the person said is embedded while the turn is read.
  const said =
    'text' in request && request.text && budget > 0 ? embedWhatWasSaid(request.text, env) : Promise.resolve(null);
  const {
    conversation,
    companion,
    summary,
    history,
    candidates: memoryCandidates,
    attachments,
    historyFiles,
  } = await withUser(user, (tx) => loadTurn(tx, request, budget), options.db);
  const memories = chooseMemories(memoryCandidates, budget, await said);

  const plan = planTurn(conversation, history, request, attachments);
  if (plan.newUserMessage) historyFiles.set(plan.newUserMessage.id, attachments);
  const prompt = await withImages(plan.messages, historyFiles, options.store);
  const modelIds = modelCandidates({ requested: request.model, conversationModel: conversation.model, companion }, env);
  const candidates = resolveCandidates(
    modelIds,
    { persona: companion, language: conversation.language },
    env,
    options.model,
  );
  const instructions = [
    personaInstructions(companion, conversation.language),
    memorySection(memories),
    summarySection(summary.text),
  ]
    .filter(Boolean)
    .join('\n\n');

  let committed!: { resolve: () => void; reject: (error: unknown) => void };
  const writesCommitted = new Promise<void>((resolve, reject) => (committed = { resolve, reject }));
  writesCommitted.catch(() => {});
  const pictures: FilePart[] = [];
  const generation = startGeneration({
    conversationId: conversation.id,
    candidates,
    instructions,
    messagesFor: promptFor(prompt, instructions),
    temperature: companion.temperature,
    outputLimits: { persona: companion.maxOutputTokens, ceiling: outputCeiling(env) },
    timeouts: generationTimeouts(env),
    startedAt,
    committed: writesCommitted,
    save: (reply) =>
      withUser(user, (tx) => finishReply(tx, plan.assistantMessageId, { ...reply, files: pictures }), options.db),
    tools: imageTools({
      user,
      conversationId: conversation.id,
      assistantMessageId: plan.assistantMessageId,
      committed: writesCommitted,
      env,
      store: options.store,
      db: options.db,
      pictures,
    }),
  });

  try {
    await withUser(user, (tx) => writeTurn(tx, conversation.id, plan, candidates[0]!.id, options.source), options.db);
    committed.resolve();
  } catch (error) {
    committed.reject(error);
    throw duplicateAsConflict(error);
  }
  await saveProgressOf(generation, plan.assistantMessageId, pictures, options.db);

  const learnFrom =
    plan.newUserMessage ?? plan.editedUserMessage ?? (request.action === 'answer' ? history.at(-1) : undefined);
  const remembered = afterReply(
    user,
    {
      saved: generation.saved,
      answeredBy: () => generation.model,
      conversationId: conversation.id,
      companionId: companion.id,
      userMessage: learnFrom ? { id: learnFrom.id, text: learnFrom.text } : null,
      usedMemoryIds: memories.map((m) => m.id),
      summary,
      history: plan.messages,
      extractor: memoryExtractor(env),
      env,
    },
    options.db,
  );

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
    remembered,
  };
}

/**
 * Saves what the person said without asking for a reply (the API's `reply: false`); an 'answer'
 * turn replies to it later.
 */
export async function saveUserMessage(
  user: UserScope,
  input: { conversationId: string; text?: string; attachments?: string[] },
  db?: Database,
): Promise<StoredMessage> {
  return withUser(
    user,
    async (tx) => {
      const { conversation, history, attachments } = await loadTurn(tx, { action: 'send', ...input }, 0);
      const plan = planTurn(conversation, history, { action: 'send', ...input }, attachments);
      await insertUserMessage(tx, conversation.id, plan.newUserMessage!);
      await touchConversation(tx, conversation.id, plan.title);
      return (await getMessage(tx, plan.userMessageId!))!;
    },
    db,
  );
}

/** The turn's messages as saved, once its reply is finished: for callers that do not stream. */
export async function finishedTurn(
  user: UserScope,
  turn: ChatTurn,
  db?: Database,
): Promise<{ userMessage: StoredMessage | null; assistantMessage: StoredMessage }> {
  void turn.parts.cancel();
  await turn.saved;
  return withUser(
    user,
    async (tx) => ({
      userMessage: turn.userMessageId ? await getMessage(tx, turn.userMessageId) : null,
      assistantMessage: (await getMessage(tx, turn.assistantMessageId))!,
    }),
    db,
  );
}

/**
 * What a turn reads, in one transaction: the conversation, its unsummarized history with the
 * files in it, the new message's attachments, and the memory candidates for what was said.
 */
async function loadTurn(tx: Queryable, request: TurnRequest, memoryBudgetTokens: number) {
  const found = await getConversationWithCompanion(tx, request.conversationId);
  if (!found) throw new HearthError('not_found', 'This conversation does not exist.');
  const history = await listHistory(tx, found.conversation.id, HISTORY_LIMIT, found.summary.throughSeq);
  const said = ('text' in request && request.text) || history.findLast((m) => m.role === 'user')?.text || '';
  const candidates = await recallCandidates(tx, {
    companionId: found.companion.id,
    text: said,
    budgetTokens: memoryBudgetTokens,
  });
  return {
    ...found,
    history,
    candidates,
    attachments: await loadNewAttachments(tx, attachmentIdsOf(request)),
    historyFiles: await recentHistoryAttachments(tx, history),
  };
}

function attachmentIdsOf(request: TurnRequest): string[] {
  return request.action === 'send' ? (request.attachments ?? []) : [];
}

/** What a turn writes, decided from what was read; ids are chosen here so the model need not wait. */
type TurnPlan = {
  /** The history the model answers. */
  messages: HistoryEntry[];
  userMessageId: string | null;
  assistantMessageId: string;
  newUserMessage?: { id: string; text: string; attachments: Upload[] };
  editedUserMessage?: { id: string; text: string };
  /** Whatever followed the person's last message, replaced by this turn's reply. */
  replacedIds: string[];
  title?: string;
};

export function planTurn(
  conversation: Conversation,
  history: HistoryEntry[],
  request: TurnRequest,
  attachments: Upload[] = [],
): TurnPlan {
  const assistantMessageId = crypto.randomUUID();
  if (request.action === 'answer') {
    const last = history.at(-1);
    if (last?.role !== 'user') throw new HearthError('conflict', 'There is no message of yours waiting for a reply.');
    return { messages: history, userMessageId: last.id, assistantMessageId, replacedIds: [] };
  }
  const isFirstUserMessage = !history.some((m) => m.role === 'user');
  const said = request.action === 'send' ? spokenText(request.text, attachments) : request.text;
  const title = isFirstUserMessage && conversation.title === 'New chat' ? titleOf(said, attachments) : undefined;

  // The browser names a message by its own id or, once saved, by the stored one.
  const named = request.action === 'edit' ? undefined : request.messageId;
  const storedId = named && storedMessageId(conversation.id, named);
  const unsaved =
    request.action === 'regenerate' &&
    storedId &&
    request.text &&
    !history.some((m) => m.id === named || m.id === storedId);
  if (request.action === 'send' || unsaved) {
    const message = { id: storedId || crypto.randomUUID(), text: said ?? '', attachments };
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

async function writeTurn(
  tx: Queryable,
  conversationId: string,
  plan: TurnPlan,
  model: string,
  source?: MessageSource,
): Promise<void> {
  await deleteMessages(tx, plan.replacedIds);
  if (plan.editedUserMessage) await updateMessageText(tx, plan.editedUserMessage.id, plan.editedUserMessage.text);
  if (plan.newUserMessage) await insertUserMessage(tx, conversationId, plan.newUserMessage, source);
  await startReply(tx, { id: plan.assistantMessageId, conversationId, model, title: plan.title, source });
}

async function insertUserMessage(
  tx: Queryable,
  conversationId: string,
  message: { id: string; text: string; attachments: Upload[] },
  source?: MessageSource,
): Promise<string> {
  const parts = [
    ...attachmentParts(message.attachments),
    ...(message.text ? [{ type: 'text', text: message.text }] : []),
  ];
  const id = await insertMessage(tx, {
    id: message.id,
    text: message.text,
    parts,
    conversationId,
    role: 'user',
    status: 'complete',
    source,
  });
  const attached = await attachUploads(
    tx,
    message.attachments.map((u) => u.id),
    { conversationId, messageId: id },
  );
  // Two messages sent at once with the same file: the second finds it taken and writes nothing.
  if (attached < message.attachments.length)
    throw new HearthError('conflict', 'A file of this message is already part of another message.');
  return id;
}

/** A title from the first message: its words, else what it carried. */
function titleOf(text: string | undefined, attachments: readonly Upload[]): string | undefined {
  if (text) return titleFrom(text);
  if (attachments.some((u) => u.kind === 'audio')) return 'Voice note';
  return attachments.length ? 'Picture' : undefined;
}

/**
 * From the moment the reply row exists until it is saved: its text is saved every couple of
 * seconds (a killed function loses at most those), and a Stop from another instance reaches it.
 */
async function saveProgressOf(
  generation: Generation,
  replyId: string,
  pictures: FilePart[],
  db?: Database,
): Promise<void> {
  const untrack = replyProgressTicker(db ?? (await getDb())).track({
    id: replyId,
    parts: () => {
      const text = generation.text;
      return [...pictures, ...(text ? [{ type: 'text', text }] : [])];
    },
    version: () => `${pictures.length}:${generation.text.length}`,
    stop: generation.stop,
  });
  void generation.saved.finally(untrack).catch(() => {});
}

/** A clash on a message id: only ever the caller's own message, sent again (message-ids.ts). */
function duplicateAsConflict(error: unknown): unknown {
  return (error as { code?: string } | null)?.code === '23505'
    ? new HearthError('conflict', 'This message was already sent.')
    : error;
}
