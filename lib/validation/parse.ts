import type { z } from 'zod';
import { HearthError } from '@/lib/errors';

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

/** Reads a JSON body; malformed JSON is the client's mistake, never a 500. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new HearthError('bad_request', 'The request body must be valid JSON.');
  }
}

/** A request's query string as a plain object for a schema; a repeated key keeps its last value. */
export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
