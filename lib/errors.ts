/**
 * Errors a person or an API client is meant to see. Anything else is an internal error: logged
 * in full on the server, shown only as a generic message.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorType = keyof typeof ERROR_STATUS;

export class HearthError extends Error {
  constructor(
    readonly type: ErrorType,
    message: string,
  ) {
    super(message);
    this.name = 'HearthError';
  }

  get status(): number {
    return ERROR_STATUS[this.type];
  }
}

export function isHearthError(error: unknown): error is HearthError {
  return error instanceof HearthError;
}

/** PostgreSQL error codes that mean the request, not the server, was wrong. */
export function fromDatabaseError(error: unknown): HearthError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case '22P02': // invalid_text_representation, e.g. a malformed uuid
      return new HearthError('not_found', 'Not found.');
    case '23503': // foreign_key_violation: the signed-in user no longer exists
      return new HearthError('unauthorized', 'Your session is no longer valid. Please sign in again.');
    case '42501': // insufficient_privilege: RLS refused the write
      return new HearthError('not_found', 'Not found.');
    default:
      return undefined;
  }
}

export function toHearthError(error: unknown): HearthError {
  if (isHearthError(error)) return error;
  const known = fromDatabaseError(error);
  if (known) return known;
  console.error('[hearth] internal error:', error);
  return new HearthError('internal', 'Something went wrong on our side. Please try again.');
}

/** The JSON error envelope every route answers with. */
export function errorResponse(error: unknown): Response {
  const e = toHearthError(error);
  return Response.json({ error: { type: e.type, message: e.message } }, { status: e.status });
}
