import type { z } from 'zod';
import { HearthError, isHearthError } from '@/lib/errors';
import { MAX_API_BODY_BYTES } from './limits';
import { jsonProblem } from './text';

/**
 * How deep a request body's JSON may nest. Parsing a deeper one is cheap, but whatever serialises
 * it next (JSON.stringify, PostgreSQL's jsonb) recurses and overflows its stack: a 500. Well above
 * the depth of any body the API takes, and above MAX_JSON_DEPTH so a field's own check names it.
 */
export const MAX_BODY_JSON_DEPTH = 128;

/** Parses with a schema; the first problem becomes a 400 the person can act on, naming the field. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  // An unknown field (strict objects) is named by the field itself, not by the object holding it.
  const path = issue?.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : (issue?.path ?? []);
  const param = path.length ? path.join('.') : undefined;
  throw new HearthError('bad_request', issue?.message ?? 'Invalid request.', { param });
}

/**
 * Every field's first problem, for a form that shows them all at once rather than one per submit;
 * empty when the input parses.
 */
export function fieldProblems(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  const problems: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    problems[field] ??= issue.message;
  }
  return problems;
}

/**
 * Reads a JSON body; malformed JSON is the client's mistake, never a 500. A body over maxBytes
 * (default MAX_API_BODY_BYTES) is a 413, refused by its Content-Length or, without one, as soon as
 * that much has arrived.
 */
export async function readJson(
  request: Request,
  { maxBytes = MAX_API_BODY_BYTES }: { maxBytes?: number } = {},
): Promise<unknown> {
  // A body that breaks off (the client went away) reads as none: a 400, not an internal error.
  const text = await readLimited(request, maxBytes).catch((error: unknown) => {
    if (isHearthError(error)) throw error;
    return null;
  });
  return parseJsonText(text ?? '', 'The request body');
}

/** JSON text as a value: malformed or too deeply nested JSON is a 400 that starts with `what`. */
export function parseJsonText(text: string, what: string, options: { param?: string } = {}): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HearthError('bad_request', `${what} must be valid JSON.`, options);
  }
  if (jsonProblem(value, { maxDepth: MAX_BODY_JSON_DEPTH, strings: false })) {
    throw new HearthError('bad_request', `${what} nests deeper than ${MAX_BODY_JSON_DEPTH} levels.`, options);
  }
  return value;
}

/** A request's query string as a plain object for a schema; a repeated key keeps its last value. */
export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

async function readLimited(request: Request, maxBytes: number): Promise<string | null> {
  const tooLarge = () =>
    new HearthError('payload_too_large', `The request body can be at most ${maxBytes.toLocaleString('en-US')} bytes.`);
  const bytes = await readBodyBytes(request, maxBytes, tooLarge);
  return bytes && new TextDecoder().decode(bytes);
}

/**
 * A request body as bytes, or null when there is none; refused with `tooLarge()` past maxBytes,
 * by its Content-Length or, without one, as soon as that much has arrived (never buffered first).
 */
export async function readBodyBytes(
  request: Request,
  maxBytes: number,
  tooLarge: () => HearthError,
): Promise<Uint8Array | null> {
  if (Number(request.headers.get('content-length')) > maxBytes) throw tooLarge();
  if (!request.body) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
