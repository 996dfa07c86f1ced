import type { LanguageModel } from 'ai';
import { personaInstructions } from '@/lib/ai/persona';
import { modelCandidates } from '@/lib/ai/routing';
import type { Env } from '@/lib/ai/providers';
import { getDb } from '@/lib/db';
import type { Database, Queryable } from '@/lib/db/client';
import { activeMessage } from '@/lib/conversations/branches';
import type { RollingSummary } from '@/lib/conversations/queries';
import { embedWhatWasSaid } from '@/lib/memory/embed';
import { chooseMemories, memoryBudget, recallCandidates, recallTerms } from '@/lib/memory/recall';
import { memorySection, summarySection } from '@/lib/memory/prompt';
import {
  finishReplyStatement,
  getMessage,
  listHistory,
  touchConversation,
  type Fallback,
  type FilePart,
  type FinishedReply,
  type MessageSource,
  type StoredMessage,
} from '@/lib/conversations/messages';
import { sendAsUser, withUser, type UserScope } from '@/lib/db/scope';
import { fromDatabaseError, HearthError } from '@/lib/errors';
import type { BlobStore } from '@/lib/storage';
import type { Upload } from '@/lib/uploads/queries';
import { afterReply, memoryExtractor } from './after-reply';
import { loadNewAttachments, recentHistoryAttachments, recentMessagesWithFiles, withImages } from './attachments';
import { imageTools } from './image-tool';
import { generationTimeouts, startGeneration, type Generation, type Part } from './generation';
import { outputCeiling } from './output-cap';
import { resolveCandidates } from './candidates';
import { promptFor } from './history';
import { replyProgressTicker } from './reply-progress';
import { insertUserMessage, planTurn, turnWrites, type TurnRequest } from './turn-plan';
import { startingConversation } from './draft-turn';
import { readStoredTurn, readTurnAndRecall, type TurnAndRecall } from './turn-read';
import { storedMessageId } from './message-ids';

export type ChatTurn = {
  conversationId: string;
  userMessageId: string | null;
  assistantMessageId: string;
  /** The model answering: the conversation's until a fallback takes over before the first token. */
  readonly model: { id: string; isOffline: boolean };
  /** The models that failed before the first token; complete by the time the first part is read. */
  readonly fallbacks: readonly Fallback[];
  /** The model's stream parts for this client; the generation does not depend on anyone reading it. */
  readonly parts: ReadableStream<Part>;
  /** The same parts pushed to a sink in one pass (Generation.pipe); a turn has one reader. */
  pipe: Generation['pipe'];
  /** Settles once the reply, complete or not, is saved. */
  saved: Promise<FinishedReply>;
  /** Settles once what the turn taught the companion is stored (after the reply, off its path). */
  remembered: Promise<void>;
  /**
   * Where the turn's time went before it was handed over, in ms: for Server-Timing and benchmarks.
   * The read overlaps the reservation; the prompt is built once both are done.
   */
  timing: { read: number; prompt: number; write: number };
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
  /**
   * The reply's reservation (holdReservation): the turn reads while it is taken, and calls no
   * provider and writes nothing until it resolves. Admitted at once when not given.
   */
  admitted?: Promise<void>;
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
  const admitted = options.admitted ?? Promise.resolve();
  // With an embedding model, what the person said is embedded while the turn is read.
  const text = 'text' in request && budget > 0 ? request.text : undefined;
  const said = text ? admitted.then(() => embedWhatWasSaid(text, env)) : Promise.resolve(null);
  said.catch(() => {});
  const {
    conversation,
    companion,
    summary,
    person,
    history,
    candidates: memoryCandidates,
    attachments,
    historyFiles,
    create,
  } = await loadTurn(user, request, budget, options.db);
  const readAt = performance.now();
  await admitted;
  const admittedAt = performance.now();
  const memories = chooseMemories(memoryCandidates, budget, await said);

  const plan = planTurn(conversation, history, request, attachments);
  if (plan.newUserMessage) historyFiles.set(plan.newUserMessage.id, attachments);
  const edited = plan.editedUserMessage;
  if (edited) historyFiles.set(edited.id, historyFiles.get(edited.of) ?? []);
  const prompt = await withImages(plan.messages, historyFiles, options.store);
  const modelIds = modelCandidates({ requested: request.model, conversationModel: conversation.model, companion }, env);
  const candidates = resolveCandidates(
    modelIds,
    { persona: companion, language: conversation.language },
    env,
    options.model,
  );
  const instructions = [
    personaInstructions(companion, conversation.language, person),
    memorySection(memories),
    summarySection(summary.text),
  ]
    .filter(Boolean)
    .join('\n\n');

  let committed!: { resolve: () => void; reject: (error: unknown) => void };
  const writesCommitted = new Promise<void>((resolve, reject) => (committed = { resolve, reject }));
  writesCommitted.catch(() => {});
  const pictures: FilePart[] = [];
  const promptAt = performance.now();
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
    save: async (reply) => {
      await sendAsUser(
        user,
        [finishReplyStatement(plan.assistantMessageId, { ...reply, files: pictures })],
        options.db,
      );
    },
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
    await sendAsUser(
      user,
      [...create, ...turnWrites(conversation.id, plan, candidates[0]!.id, options.source)],
      options.db,
    );
    committed.resolve();
  } catch (error) {
    committed.reject(error);
    throw writeRefusal(error);
  }
  await saveProgressOf(generation, plan.assistantMessageId, pictures, options.db);

  const learnFrom = plan.newUserMessage ?? edited ?? (request.action === 'answer' ? history.at(-1) : undefined);
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
    get parts() {
      return generation.parts;
    },
    pipe: generation.pipe,
    saved: generation.saved,
    remembered,
    timing: {
      read: readAt - startedAt,
      prompt: promptAt - admittedAt,
      write: performance.now() - promptAt,
    },
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
      const { conversation, history, attachments } = await readTurn(tx, user.id, { action: 'send', ...input }, 0);
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
 * What a turn reads, in the user's scope. A message sent to a stored conversation, with no new
 * files and none near the end of its history, reads in one round trip (readTurnAndRecall); any
 * other turn reads in one transaction (readTurn), which reads again nothing the first trip read.
 */
async function loadTurn(user: UserScope, request: TurnRequest, memoryBudgetTokens: number, db?: Database) {
  let first: TurnAndRecall | undefined;
  if (request.action === 'send' && request.text && !request.attachments?.length) {
    const terms = recallTerms(request.text, memoryBudgetTokens);
    first = await readTurnAndRecall(user, request.conversationId, HISTORY_LIMIT, terms, db);
    const { stored, candidates } = first;
    if (stored && recentMessagesWithFiles(stored.history).length === 0)
      return { ...stored, candidates, create: [], attachments: [], historyFiles: new Map<string, Upload[]>() };
  }
  return withUser(user, (tx) => readTurn(tx, user.id, request, memoryBudgetTokens, first), db);
}

/**
 * What a turn reads, in one transaction: the conversation with its unsummarized history (one
 * statement, readStoredTurn), the files in it, the new message's attachments, and the memory
 * candidates for what was said. A draft's first message reads the conversation it starts, and
 * `create` writes it.
 */
async function readTurn(
  tx: Queryable,
  userId: string,
  request: TurnRequest,
  memoryBudgetTokens: number,
  first?: TurnAndRecall,
) {
  const edited = request.action === 'edit' ? request.messageId : undefined;
  const stored = first ? first.stored : await readStoredTurn(tx, request.conversationId, edited ? 0 : HISTORY_LIMIT);
  const starting = stored ? null : await startingConversation(tx, userId, request);
  const found = stored ?? starting;
  if (!found) throw new HearthError('not_found', 'This conversation does not exist.');
  const { summary, history } =
    stored && edited ? await readUpTo(tx, stored.conversation.id, stored.summary, edited) : found;
  const said = ('text' in request && request.text) || history.findLast((m) => m.role === 'user')?.text || '';
  // The first trip's candidates are its companion's; a draft's companion is known only now.
  const candidates = first?.stored
    ? first.candidates
    : await recallCandidates(tx, { companionId: found.companion.id, text: said, budgetTokens: memoryBudgetTokens });
  return {
    conversation: found.conversation,
    companion: found.companion,
    summary,
    person: found.person,
    create: starting?.create ?? [],
    history,
    candidates,
    attachments: await loadNewAttachments(tx, attachmentIdsOf(request)),
    historyFiles: await recentHistoryAttachments(tx, history),
  };
}

/**
 * For an edit of an earlier message: the active branch's messages up to it that the summary does
 * not cover (and no summary, when it reached past it: the edit rewrites what it told).
 */
async function readUpTo(tx: Queryable, conversationId: string, summary: RollingSummary, messageId: string) {
  // The browser names a message by its own id or, once saved, by the stored one.
  const target =
    (await activeMessage(tx, conversationId, storedMessageId(conversationId, messageId))) ??
    (await activeMessage(tx, conversationId, messageId));
  if (!target) throw new HearthError('not_found', 'This message is not part of the conversation as it reads now.');
  const kept = BigInt(summary.throughSeq) < BigInt(target.seq) ? summary : { text: null, throughSeq: '0' };
  const history = await listHistory(tx, conversationId, HISTORY_LIMIT, {
    afterSeq: kept.throughSeq,
    throughSeq: target.seq,
  });
  return { summary: kept, history };
}

function attachmentIdsOf(request: TurnRequest): string[] {
  return request.action === 'send' ? (request.attachments ?? []) : [];
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

/**
 * Why the turn's writes were refused, in the product's words: a clash on a message id is only
 * ever the caller's own message, sent again (message-ids.ts); a statement's refusal says its own.
 */
function writeRefusal(error: unknown): unknown {
  if ((error as { code?: string } | null)?.code === '23505')
    return new HearthError('conflict', 'This message was already sent.');
  return fromDatabaseError(error) ?? error;
}
