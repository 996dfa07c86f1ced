import {
  APICallError,
  experimental_streamLanguageModelCall as streamLanguageModelCall,
  type LanguageModel,
  type LanguageModelUsage,
  type ModelMessage,
  type TextStreamPart,
  type ToolSet,
} from 'ai';
import { setTimeout as delay } from 'node:timers/promises';

/** A reply's part, as the model's calls give it and every encoder reads it. */
export type Part = TextStreamPart<ToolSet>;

export type ModelCallOptions = {
  model: LanguageModel;
  instructions: string;
  messages: ModelMessage[];
  temperature?: number;
  maxOutputTokens?: number;
  abortSignal: AbortSignal;
  /** Retries of a call the provider refused for a reason that may pass (429, 5xx). */
  maxRetries: number;
  /** Told of every error, once, as streamText's onError is. */
  onError: (error: unknown) => void;
  /** Tools the model may call; each call is run and answered in a further step, up to maxSteps. */
  tools?: ToolSet;
  maxSteps?: number;
};

type ToolCall = Extract<Part, { type: 'tool-call' }>;
type ToolOutcome = Extract<Part, { type: 'tool-result' | 'tool-error' }>;
type FinishStep = Extract<Part, { type: 'finish-step' }>;
/** How a call ended (none when its stream ended without), and what the next call must add, if any. */
type StepEnd = { finish?: FinishStep; continueWith?: ModelMessage[] };

/**
 * A reply as the model's calls, its parts shaped as `streamText`'s (what the encoders and the
 * generation read) but made in one stage per call instead of streamText's chain of streams, its tee
 * and its recording, which a reply here does not use. The SDK still standardizes and converts the
 * prompt (streamLanguageModelCall). A tool the model calls is run and its result sent back in the
 * next call, as streamText's steps do. An abort ends the reply with an `abort` part and a failure
 * with an `error` part, as streamText does; nothing here throws.
 */
export async function* modelCallParts(options: ModelCallOptions): AsyncGenerator<Part> {
  const { abortSignal, onError, maxSteps = 1 } = options;
  yield { type: 'start' };
  let messages = options.messages;
  let total: LanguageModelUsage | undefined;
  let last: FinishStep | undefined;
  try {
    for (let step = 1; step <= maxSteps; step++) {
      const end: StepEnd = yield* oneCall({ ...options, messages });
      last = end.finish ?? last;
      total = addUsage(total, end.finish?.usage);
      if (!end.continueWith || step === maxSteps) break;
      messages = [...messages, ...end.continueWith];
    }
    if (last)
      yield {
        type: 'finish',
        finishReason: last.finishReason,
        rawFinishReason: last.rawFinishReason,
        totalUsage: total ?? last.usage,
      };
  } catch (error) {
    if (abortSignal.aborted) {
      const { reason } = abortSignal;
      yield {
        type: 'abort',
        ...(reason !== undefined && { reason: reason instanceof Error ? reason.message : String(reason) }),
      };
      return;
    }
    onError(error);
    yield { type: 'error', error };
  }
}

/** One model call: its parts, the tools it called run, and what the next call must add, if any. */
async function* oneCall(options: ModelCallOptions): AsyncGenerator<Part, StepEnd> {
  const { abortSignal, onError, tools } = options;
  const call = await withRetries(
    () =>
      streamLanguageModelCall({
        model: options.model,
        instructions: options.instructions,
        messages: options.messages,
        temperature: options.temperature,
        maxOutputTokens: options.maxOutputTokens,
        tools,
        abortSignal,
        // Nothing here reads the call's collected content: the generation keeps its own text.
        _internal: { collectContent: false },
      }),
    options.maxRetries,
    abortSignal,
  );
  let response = { id: '', timestamp: new Date(), modelId: '' };
  let end: FinishStep | undefined;
  const text: string[] = [];
  const calls: ToolCall[] = [];
  const running: Promise<ToolOutcome>[] = [];
  const outcomes: ToolOutcome[] = [];
  for await (const part of call.stream) {
    // Once stopped, nothing more is passed on, whatever the provider still sends: as streamText
    // does, the reply ends with its abort part.
    abortSignal.throwIfAborted();
    switch (part.type) {
      case 'model-call-start':
        yield { type: 'start-step', request: call.request ?? {}, warnings: part.warnings };
        break;
      case 'model-call-response-metadata':
        response = {
          id: part.id ?? response.id,
          timestamp: part.timestamp ?? response.timestamp,
          modelId: part.modelId ?? response.modelId,
        };
        break;
      case 'model-call-end': {
        const { finishReason, rawFinishReason, usage, providerMetadata, performance } = part;
        end = {
          type: 'finish-step',
          response: { ...response, headers: call.response?.headers },
          usage,
          // One call: the step is the call, and its tools' time is not counted.
          performance: { ...performance, stepTimeMs: performance.responseTimeMs, toolExecutionMs: {} },
          finishReason,
          rawFinishReason,
          providerMetadata,
        };
        break;
      }
      case 'error':
        onError(part.error);
        yield part;
        break;
      case 'text-delta':
        // Kept only for a tool's next call, which repeats what the model said before calling.
        if (tools) text.push(part.text);
        yield part;
        break;
      case 'tool-call':
        calls.push(part);
        if (!part.invalid && !part.providerExecuted) running.push(runTool(tools, part, options.messages, abortSignal));
        yield part;
        break;
      case 'tool-error':
        outcomes.push(part);
        yield part;
        break;
      default:
        yield part;
    }
  }
  abortSignal.throwIfAborted();
  for (const outcome of await Promise.all(running)) {
    outcomes.push(outcome);
    yield outcome;
  }
  if (!end) return {};
  yield end;
  const answered = calls.length > 0 && outcomes.length === calls.length && end.finishReason === 'tool-calls';
  return { finish: end, continueWith: answered ? toolTurn(text.join(''), calls, outcomes) : undefined };
}

async function runTool(
  tools: ToolSet | undefined,
  call: ToolCall,
  messages: ModelMessage[],
  abortSignal: AbortSignal,
): Promise<ToolOutcome> {
  const { toolCallId, toolName, input } = call;
  try {
    const execute = tools?.[toolName]?.execute;
    if (!execute) throw new Error(`The tool ${toolName} cannot be run here.`);
    const output: unknown = await execute(input as never, { toolCallId, messages, abortSignal, context: undefined });
    return { type: 'tool-result', toolCallId, toolName, input, output } as ToolOutcome;
  } catch (error) {
    if (abortSignal.aborted) throw error;
    return { type: 'tool-error', toolCallId, toolName, input, error } as ToolOutcome;
  }
}

/** The assistant's calls and the tools' answers, as the next call's prompt goes on. */
function toolTurn(text: string, calls: ToolCall[], outcomes: ToolOutcome[]): ModelMessage[] {
  return [
    {
      role: 'assistant',
      content: [
        ...(text ? [{ type: 'text' as const, text }] : []),
        ...calls.map(({ toolCallId, toolName, input }) => ({
          type: 'tool-call' as const,
          toolCallId,
          toolName,
          input,
        })),
      ],
    },
    {
      role: 'tool',
      content: outcomes.map((outcome) => ({
        type: 'tool-result' as const,
        toolCallId: outcome.toolCallId,
        toolName: outcome.toolName,
        output:
          outcome.type === 'tool-error'
            ? { type: 'error-text' as const, value: errorText(outcome.error) }
            : typeof outcome.output === 'string'
              ? { type: 'text' as const, value: outcome.output }
              : { type: 'json' as const, value: (outcome.output ?? null) as never },
      })),
    },
  ];
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);
}

function addUsage(
  a: LanguageModelUsage | undefined,
  b: LanguageModelUsage | undefined,
): LanguageModelUsage | undefined {
  if (!a || !b) return a ?? b;
  const sum = (x: number | undefined, y: number | undefined) =>
    x === undefined && y === undefined ? undefined : (x ?? 0) + (y ?? 0);
  return {
    inputTokens: sum(a.inputTokens, b.inputTokens),
    inputTokenDetails: {
      noCacheTokens: sum(a.inputTokenDetails.noCacheTokens, b.inputTokenDetails.noCacheTokens),
      cacheReadTokens: sum(a.inputTokenDetails.cacheReadTokens, b.inputTokenDetails.cacheReadTokens),
      cacheWriteTokens: sum(a.inputTokenDetails.cacheWriteTokens, b.inputTokenDetails.cacheWriteTokens),
    },
    outputTokens: sum(a.outputTokens, b.outputTokens),
    outputTokenDetails: {
      textTokens: sum(a.outputTokenDetails.textTokens, b.outputTokenDetails.textTokens),
      reasoningTokens: sum(a.outputTokenDetails.reasoningTokens, b.outputTokenDetails.reasoningTokens),
    },
    totalTokens: sum(a.totalTokens, b.totalTokens),
  };
}

const FIRST_RETRY_DELAY_MS = 2000;
// A provider's retry-after is honoured up to this; a longer one means give up, not wait.
const LONGEST_RETRY_AFTER_MS = 60_000;

/** The call, retried as the AI SDK retries one (exponential backoff, or the provider's retry-after). */
async function withRetries<T>(call: () => Promise<T>, maxRetries: number, signal: AbortSignal): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await call();
    } catch (error) {
      if (retry >= maxRetries || signal.aborted || !APICallError.isInstance(error) || !error.isRetryable) throw error;
      await delay(retryDelayMs(error, FIRST_RETRY_DELAY_MS * 2 ** retry), undefined, { signal });
    }
  }
}

function retryDelayMs(error: APICallError, backoffMs: number): number {
  const headers = error.responseHeaders ?? {};
  const afterMs = headers['retry-after-ms'] ? Number(headers['retry-after-ms']) : undefined;
  const after = headers['retry-after'];
  const ms =
    afterMs ?? (after ? (Number.isNaN(Number(after)) ? Date.parse(after) - Date.now() : Number(after) * 1000) : NaN);
  return ms >= 0 && ms < LONGEST_RETRY_AFTER_MS ? ms : backoffMs;
}
