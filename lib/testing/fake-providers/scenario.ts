/**
 * What a fake provider does with one generation request. Every field is optional; an empty
 * scenario streams DEFAULT_REPLY a word at a time with no delays.
 */
export type Scenario = {
  /** The reply, split into word-sized chunks (a chunk keeps its trailing space). */
  text?: string;
  /** The exact chunks to stream instead of splitting `text`. */
  chunks?: string[];
  /** Milliseconds between the response headers and the first chunk. */
  firstTokenDelayMs?: number;
  /** Milliseconds between chunks. */
  chunkDelayMs?: number;
  /** Token counts reported at the end; by default 12 in, one per chunk out. */
  usage?: { inputTokens?: number; outputTokens?: number };
  /** Answer with this HTTP error in the provider's format instead of a reply. */
  error?: { status: number; message?: string; retryAfterSeconds?: number };
  /** Destroy the socket after this many text chunks (0: right after the headers). */
  dropAfterChunks?: number;
  /**
   * End the response cleanly after this many text chunks, without the finish chunk, usage or
   * [DONE] (a proxy timing out, a server crashing between writes): only the missing end tells.
   * Streams only.
   */
  truncateAfterChunks?: number;
  /** Send the headers, then nothing until the client goes away or the server closes. */
  stall?: boolean;
  /** Send this many text chunks, then nothing more until the client goes away. Streams only. */
  stallAfterChunks?: number;
};

/** What the servers record about every request they receive. */
export type RecordedRequest = {
  method: string;
  /** The path without the query string, e.g. /v1/chat/completions. */
  path: string;
  query: Record<string, string>;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The parsed JSON body; undefined when there was none or it was multipart. */
  body: unknown;
  /** A multipart body's bytes (audio transcriptions). */
  raw?: Buffer;
  /** The model asked for (from the body, or from the path for Gemini). */
  model?: string;
  /** The text of the last user message, when the request is a generation. */
  lastUserText?: string;
};

/** A fixed scenario, or one chosen per request (by model name, by message text, ...). */
export type ScenarioSource = Scenario | ((request: RecordedRequest) => Scenario | undefined);

export const DEFAULT_REPLY = 'Hello from the fake provider.';
export const DEFAULT_INPUT_TOKENS = 12;

export type ResolvedScenario = Required<Pick<Scenario, 'firstTokenDelayMs' | 'chunkDelayMs'>> &
  Pick<Scenario, 'error' | 'dropAfterChunks' | 'truncateAfterChunks' | 'stall' | 'stallAfterChunks'> & {
    chunks: string[];
    inputTokens: number;
    outputTokens: number;
  };

export function splitIntoChunks(text: string): string[] {
  return text.split(/(?<= )/).filter((chunk) => chunk.length > 0);
}

export function resolveScenario(scenario: Scenario = {}): ResolvedScenario {
  const chunks = scenario.chunks ?? splitIntoChunks(scenario.text ?? DEFAULT_REPLY);
  return {
    chunks,
    firstTokenDelayMs: scenario.firstTokenDelayMs ?? 0,
    chunkDelayMs: scenario.chunkDelayMs ?? 0,
    inputTokens: scenario.usage?.inputTokens ?? DEFAULT_INPUT_TOKENS,
    outputTokens: scenario.usage?.outputTokens ?? chunks.length,
    error: scenario.error,
    dropAfterChunks: scenario.dropAfterChunks,
    truncateAfterChunks: scenario.truncateAfterChunks,
    stall: scenario.stall,
    stallAfterChunks: scenario.stallAfterChunks,
  };
}

/**
 * Holds a server's scripting: scenarios queued for the next generation requests (first in, first
 * out), then the default source, then the defaults.
 */
export function createScript(initial: ScenarioSource | undefined) {
  const queued: Scenario[] = [];
  let source = initial;
  return {
    queue: (...scenarios: Scenario[]) => void queued.push(...scenarios),
    setScenario: (next: ScenarioSource | undefined) => void (source = next),
    next(request: RecordedRequest): ResolvedScenario {
      const scenario = queued.shift() ?? (typeof source === 'function' ? source(request) : source);
      return resolveScenario(scenario);
    },
  };
}

/** One word for the dev script's request log. */
export function describeOutcome(scenario: ResolvedScenario): string {
  if (scenario.error) return `${scenario.error.status}`;
  if (scenario.stall) return 'stall';
  if (scenario.dropAfterChunks !== undefined) return `drop after ${scenario.dropAfterChunks} chunks`;
  if (scenario.truncateAfterChunks !== undefined) return `truncate after ${scenario.truncateAfterChunks} chunks`;
  return `200 (${scenario.chunks.length} chunks)`;
}

const MARKER = /\[(fail:(\d{3})|drop|stall|slow)\]/i;
const MODEL_MARKER = /^fake-(fail-(\d{3})|drop|stall|slow)$/i;

/**
 * Error paths switched on from the chat box or the model name, for manual testing:
 * "[fail:500]" / "[fail:401]" / "[fail:429]" (any status), "[drop]", "[stall]", "[slow]" in the last
 * user message, or a model named fake-fail-500, fake-drop, fake-stall, fake-slow.
 * Returns undefined when the request carries no marker.
 */
export function markerScenario(request: RecordedRequest): Scenario | undefined {
  const match = MARKER.exec(request.lastUserText ?? '') ?? MODEL_MARKER.exec(request.model ?? '');
  if (!match) return undefined;
  const [, kind = '', status] = match;
  if (status) {
    const code = Number(status);
    return { error: { status: code, retryAfterSeconds: code === 429 ? 1 : undefined } };
  }
  if (kind.toLowerCase() === 'drop') return { dropAfterChunks: 4, firstTokenDelayMs: 400, chunkDelayMs: 120 };
  if (kind.toLowerCase() === 'stall') return { stall: true };
  return { firstTokenDelayMs: 5_000, chunkDelayMs: 250 };
}
