import type { ModelMessage, ToolSet } from 'ai';
import { canSeeImages, canUseTools, costUsd } from '@/lib/ai/catalogue';
import { isProviderOutage, ModelTimeoutError, redactedMessage } from '@/lib/ai/errors';
import type { ResolvedModel } from '@/lib/ai/registry';
import { estimateUsage, isUsageComplete, type Usage } from '@/lib/ai/token-estimate';
import type { Fallback, FinishedReply } from '@/lib/conversations/messages';
import { registerGeneration, releaseGeneration } from './active';
import { modelCallParts, type Part } from './model-call';
import { replyOutputCap, type OutputLimits } from './output-cap';
import type { GenerationTimeouts } from './timeouts';

export type { Part } from './model-call';

export type GenerationInput = {
  conversationId: string;
  /** The models to try, in order; the next one is used only if one fails before its first token. */
  candidates: ResolvedModel[];
  instructions: string;
  /** The prompt for a model with the given context window, with images only for a model that can see them. */
  messagesFor: (contextWindow: number, options?: { vision?: boolean }) => ModelMessage[];
  temperature?: number;
  /** The persona's, the request's and the server's caps; the model's own is added per candidate. */
  outputLimits: OutputLimits;
  /** Watchdogs: for the first token, for each gap between tokens, and for the whole generation. */
  timeouts: GenerationTimeouts;
  startedAt: number;
  /** Settles when the turn's writes are committed: the reply row exists from then on. */
  committed: Promise<void>;
  save: (reply: FinishedReply) => Promise<void>;
  /** Tools offered to candidates that can call them (the picture tool); a few steps are allowed. */
  tools?: ToolSet;
};

export { DEFAULT_TOTAL_TIMEOUT_MS, generationTimeouts } from './timeouts';

export type Generation = {
  /** The parts for this client as a stream; the generation does not depend on anyone reading it. */
  readonly parts: ReadableStream<Part>;
  /**
   * The parts for this client pushed to `sink` in one pass, with no stream between (the response
   * encoders); the returned function stops them. A reply has one reader: this or `parts`.
   */
  pipe(sink: PartSink): () => void;
  /** The model answering: the first candidate until a fallback takes over. */
  readonly model: ResolvedModel;
  /** The models that failed before the first token, so far. */
  readonly fallbacks: readonly Fallback[];
  /** Settles once the reply, complete or not, is saved. */
  saved: Promise<FinishedReply>;
  /** The reply's text so far (the answering model's): read by the progress ticker, not per token. */
  readonly text: string;
  /** Ends this generation as Stop does (saved as aborted); a newer one in the conversation is left alone. */
  stop: () => void;
};

/**
 * Streams a reply through the candidates and saves it, whatever happens to the client. The model
 * is called at once; the caller's writes run meanwhile, and nothing is saved before they commit.
 */
export function startGeneration(input: GenerationInput): Generation {
  const stop = registerGeneration(input.conversationId);
  const client = clientParts();
  let current = input.candidates[0]!;
  const fallbacks: Fallback[] = [];
  // The attempt under way; its text grows as the model writes.
  let live: AttemptOutcome | undefined;
  const deadline = input.startedAt + input.timeouts.totalMs;

  const saved = (async (): Promise<FinishedReply> => {
    let outcome!: AttemptOutcome;
    try {
      for (const [index, candidate] of input.candidates.entries()) {
        current = candidate;
        const isLast = index === input.candidates.length - 1;
        outcome = await attempt(candidate, input, {
          stop: stop.signal,
          isLast,
          forward: client.forward,
          deadline,
          started: (attempt) => void (live = attempt),
        });
        if (outcome.outage && !isLast) {
          fallbacks.push({ model: candidate.id, error: outcome.error ?? 'failed before its first token' });
          console.warn(
            `[chat] ${candidate.id} failed before its first token in ${input.conversationId}; trying the next model`,
          );
          continue;
        }
        outcome.pending.forEach(client.forward);
        break;
      }
    } finally {
      releaseGeneration(input.conversationId, stop);
    }

    const reply = await finished(outcome, current, fallbacks, input);
    // The writes failed: the turn was refused and its reply row does not exist.
    await input.committed.catch(() => {
      throw new Error('the turn was not saved');
    });
    try {
      await input.save(reply);
    } finally {
      // Closing only now means a client that reloads on "finished" sees the saved reply.
      client.close();
    }
    return reply;
  })();
  saved.catch(() => {});
  input.committed.catch((error: unknown) => stop.abort(error));

  return {
    get parts() {
      return client.stream;
    },
    pipe: client.pipe,
    get model() {
      return current;
    },
    fallbacks,
    saved,
    get text() {
      return live?.text ?? '';
    },
    stop: () => stop.abort(new Error('stopped by the user')),
  };
}

type AttemptOutcome = {
  text: string;
  status: FinishedReply['status'];
  error?: string;
  usage: Usage;
  ttftMs?: number;
  /** Parts not yet passed on: everything, when the attempt never produced content. */
  pending: Part[];
  /** It failed before any content for a reason the next model may not share. */
  outage: boolean;
};

type AttemptOptions = {
  stop: AbortSignal;
  isLast: boolean;
  forward: (part: Part) => void;
  /** When the whole generation must end (performance.now() time), whatever the attempt. */
  deadline: number;
  /** Hands over the attempt's outcome as it starts, to be read while it grows. */
  started: (outcome: AttemptOutcome) => void;
};

async function attempt(
  candidate: ResolvedModel,
  input: GenerationInput,
  options: AttemptOptions,
): Promise<AttemptOutcome> {
  const { stop, isLast, forward } = options;
  const timeouts = new AbortController();
  const tools = input.tools && canUseTools(candidate.id) ? input.tools : undefined;
  const parts = modelCallParts({
    model: candidate.model,
    instructions: input.instructions,
    // The offline model cannot see either, but it takes the images to acknowledge them.
    messages: input.messagesFor(candidate.contextWindow, { vision: canSeeImages(candidate.id) || candidate.isOffline }),
    temperature: input.temperature,
    maxOutputTokens: replyOutputCap(input.outputLimits, candidate.id),
    // A tool's call, its run and the answer after it: a few steps.
    ...(tools ? { tools, maxSteps: 3 } : {}),
    abortSignal: AbortSignal.any([stop, timeouts.signal]),
    // With another model to go to, an outage moves on at once instead of retrying for seconds.
    maxRetries: isLast ? 2 : 0,
    // The error is saved with the reply; one line in the log is enough (the SDK would print a stack).
    onError: (error) =>
      console.warn(`[chat] ${candidate.id} error in ${input.conversationId}: ${redactedMessage(error)}`),
  });

  // A stalled provider ends as an error the person can retry, not a reply that never finishes:
  // a watchdog for the first token, then for each gap between tokens.
  let timedOut: ModelTimeoutError | undefined;
  let watchdog: NodeJS.Timeout | undefined;
  const watch = (ms: number, what: string) => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      timedOut = new ModelTimeoutError(`The model timed out: ${what} for ${ms} ms.`);
      timeouts.abort(timedOut);
    }, ms);
  };
  watch(input.timeouts.firstTokenMs, 'no first token');
  // The cap on the whole generation: what was written so far is saved as an error, before a
  // serverless platform would kill the function and lose the end of it.
  const total =
    input.timeouts.totalMs >= 1000 ? `${Math.round(input.timeouts.totalMs / 1000)} s` : `${input.timeouts.totalMs} ms`;
  const cap = setTimeout(
    () => {
      timedOut = new ModelTimeoutError(
        `The reply took too long: it was cut off after ${total}, the longest a reply may take here.`,
      );
      timeouts.abort(timedOut);
    },
    Math.max(0, options.deadline - performance.now()),
  );

  // Parts wait here until the first content: a model that fails before it leaves no trace.
  const pending: Part[] = [];
  const outcome: AttemptOutcome = { text: '', status: 'complete', usage: {}, pending, outage: false };
  options.started(outcome);
  let failure: unknown;
  let interrupted = false;
  const pass = (part: Part) => (outcome.ttftMs === undefined ? pending.push(part) : forward(part));
  try {
    for await (const part of parts) {
      if (part.type === 'text-delta') {
        watch(input.timeouts.idleMs, 'no new text');
        if (outcome.ttftMs === undefined) {
          outcome.ttftMs = Math.round(performance.now() - input.startedAt);
          pending.splice(0).forEach(forward);
        }
        outcome.text += part.text;
      } else if (part.type === 'finish') {
        outcome.usage = { inputTokens: part.totalUsage.inputTokens, outputTokens: part.totalUsage.outputTokens };
        if (part.finishReason === 'interrupted' && outcome.status === 'complete') {
          outcome.status = 'error';
          outcome.error = 'The model stopped before finishing its reply.';
          interrupted = true;
        }
      } else if (part.type === 'error') {
        outcome.status = 'error';
        outcome.error = redactedMessage(part.error);
        failure = part.error;
      } else if (part.type === 'abort' && timedOut) {
        outcome.status = 'error';
        outcome.error = timedOut.message;
        failure = timedOut;
        pass({ type: 'error', error: timedOut });
        continue;
      } else if (part.type === 'abort') {
        outcome.status = 'aborted';
      }
      pass(part);
    }
  } catch (caught) {
    outcome.status = stop.aborted && !timedOut ? 'aborted' : 'error';
    failure = timedOut ?? caught;
    outcome.error = outcome.status === 'error' ? redactedMessage(failure) : undefined;
    pass({ type: 'error', error: failure });
  } finally {
    clearTimeout(watchdog);
    clearTimeout(cap);
  }
  // A stream that ended early with nothing in it is a dropped connection too.
  outcome.outage =
    outcome.ttftMs === undefined &&
    outcome.status === 'error' &&
    !stop.aborted &&
    (interrupted || isProviderOutage(failure));
  return outcome;
}

async function finished(
  outcome: AttemptOutcome,
  model: ResolvedModel,
  fallbacks: Fallback[],
  input: GenerationInput,
): Promise<FinishedReply> {
  const { text, status, error, ttftMs } = outcome;
  const reported = outcome.usage;
  const estimate = !isUsageComplete(reported) && text.length > 0;
  const usage = estimate
    ? await estimateUsage([input.instructions, ...input.messagesFor(model.contextWindow).map(textOfModelMessage)], text)
    : reported;
  return {
    text,
    status,
    error,
    ...usage,
    usageEstimated: estimate,
    ttftMs,
    latencyMs: Math.round(performance.now() - input.startedAt),
    costUsd: costUsd(model.id, usage),
    model: model.id,
    fallbacks,
  };
}

function textOfModelMessage(message: ModelMessage): string {
  if (typeof message.content === 'string') return message.content;
  return message.content.map((part) => ('text' in part && typeof part.text === 'string' ? part.text : '')).join('');
}

/** Where a reply's parts go as the model writes them: one call per part, then one at the end. */
export type PartSink = { write(part: Part): void; end(): void };

/**
 * The generation's parts for its one client: pushed to a sink as they come (the parts before the
 * sink arrived at once), or read as a stream. A client that leaves stops receiving, never the
 * generation.
 */
function clientParts() {
  let sink: PartSink | null = null;
  let waiting: Part[] | null = [];
  let ended = false;
  let stream: ReadableStream<Part> | undefined;
  const detach = () => {
    sink = null;
    waiting = null;
  };
  const pipe = (to: PartSink) => {
    if (!waiting) throw new Error('The reply already has its reader.');
    const early = waiting;
    waiting = null;
    sink = to;
    for (const part of early) to.write(part);
    if (ended) to.end();
    return detach;
  };
  // A reader that fails is dropped: it must never break the generation, which saves the reply.
  const drop = (error: unknown) => {
    detach();
    console.warn(`[chat] a reply's reader failed and was dropped: ${(error as Error).message}`);
  };
  return {
    forward(part: Part) {
      if (!sink) return void waiting?.push(part);
      try {
        sink.write(part);
      } catch (error) {
        drop(error);
      }
    },
    close() {
      ended = true;
      try {
        sink?.end();
      } catch (error) {
        drop(error);
      }
    },
    pipe,
    /** The parts as a stream, made on first use: for readers that pull. */
    get stream() {
      stream ??= new ReadableStream<Part>({
        start: (controller) =>
          void pipe({
            write: (part) => controller.enqueue(part),
            end: () => controller.close(),
          }),
        cancel: detach,
      });
      return stream;
    },
  };
}
