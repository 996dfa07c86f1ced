import { megabytes } from './format';

/**
 * Errors a person or an API client is meant to see. Anything else is an internal error: logged
 * in full on the server, shown only as a generic message.
 *
 * Code throws short codes; the envelope carries the public API's type names and statuses.
 */
const ERRORS = {
  bad_request: { status: 400, type: 'invalid_request_error' },
  unauthorized: { status: 401, type: 'authentication_error' },
  forbidden: { status: 403, type: 'permission_error' },
  not_found: { status: 404, type: 'not_found_error' },
  method_not_allowed: { status: 405, type: 'invalid_request_error' },
  conflict: { status: 409, type: 'conflict_error' },
  gone: { status: 410, type: 'gone_error' },
  payload_too_large: { status: 413, type: 'payload_too_large' },
  unsupported_media_type: { status: 415, type: 'invalid_request_error' },
  rate_limited: { status: 429, type: 'rate_limit_error' },
  internal: { status: 500, type: 'api_error' },
  provider_failed: { status: 502, type: 'provider_error' },
  provider_not_configured: { status: 503, type: 'provider_not_configured' },
  unavailable: { status: 503, type: 'service_unavailable' },
} as const;

export type ErrorCode = keyof typeof ERRORS;
export type ErrorType = (typeof ERRORS)[ErrorCode]['type'];

export class HearthError extends Error {
  /** The request field at fault, when there is one (e.g. `password`, `messages.0.content`). */
  readonly param?: string;
  /** The envelope's `code`: which case of its type this is (e.g. which limit refused a 429). */
  readonly publicCode?: string;
  /** Response headers that belong to the error, e.g. Retry-After. */
  readonly headers?: Readonly<Record<string, string>>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { param?: string; publicCode?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'HearthError';
    this.param = options.param;
    this.publicCode = options.publicCode;
    this.headers = options.headers;
  }

  get status(): number {
    return ERRORS[this.code].status;
  }

  get type(): ErrorType {
    return ERRORS[this.code].type;
  }
}

export function isHearthError(error: unknown): error is HearthError {
  return error instanceof HearthError;
}

// The connection to the database failed (not the query): the server restarted or ended the
// session, or it cannot be reached. Worth a retry, so a 503 rather than a 500.
const CONNECTION_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);
const CONNECTION_MESSAGES =
  /Connection terminated|connection error and is not queryable|Client was closed|terminating connection/i;

/** PostgreSQL error codes that mean the request, not the server, was wrong, or that the database is out of reach. */
export function fromDatabaseError(error: unknown): HearthError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (CONNECTION_CODES.has(String(code)) || CONNECTION_MESSAGES.test((error as Error | null)?.message ?? '')) {
    console.warn(`[db] connection failed: ${(error as Error).message}`);
    return new HearthError('unavailable', 'The database is out of reach right now. Please try again in a moment.');
  }
  switch (code) {
    case '22P02': // invalid_text_representation, e.g. a malformed uuid
      return new HearthError('not_found', 'Not found.');
    case '23503': // foreign_key_violation: the signed-in user no longer exists
      return new HearthError('unauthorized', 'Your session is no longer valid. Please sign in again.');
    case '42501': // insufficient_privilege: RLS refused the write
      return new HearthError('not_found', 'Not found.');
    case 'HQ413': // the storage quota's trigger (migration 20261207070000_storage_quota.sql)
      return storageQuotaError((error as { detail?: string }).detail);
    case 'HQ422': // the persona publish rule's trigger (migration 20261208040000_persona_publish_rules.sql)
      return new HearthError('bad_request', PUBLISH_NEEDS_INSTRUCTIONS, { param: 'fields.instructions' });
    case 'HQ403': // a person's companion's rules (migration 20261210010000_user_companions.sql)
      return ownCompanionRule((error as Error).message);
    case 'HQ404': // a statement's refusal, in product words (migration 20261213010000_refuse.sql)
      return new HearthError('not_found', (error as Error).message);
    case 'HQ409':
      return new HearthError('conflict', (error as Error).message);
    default:
      return undefined;
  }
}

/** The trigger's rule in product words, naming the field it is about. */
function ownCompanionRule(rule: string): HearthError {
  const param = rule.includes('NSFW') ? 'nsfw' : rule.includes('share') ? 'audience' : undefined;
  return new HearthError('forbidden', OWN_COMPANION_RULES[rule] ?? rule, { param });
}

const OWN_COMPANION_RULES: Record<string, string> = {
  'only a verified account can share a companion':
    'Verify your email address to share a companion; until then it stays yours alone.',
  'moderation is for admins': 'Only admins can hide, feature or re-label a companion.',
  'a moderator set the NSFW label': 'A moderator labelled this companion NSFW; the label stays.',
  'confirm your age for NSFW companions':
    'This companion is for adults. Confirm in Settings that you are 18 or older to talk with them.',
};

export const PUBLISH_NEEDS_INSTRUCTIONS =
  'Add system instructions before publishing: they tell the model who this companion is.';

/** Over the storage quota: how much is used of how much, and what to do about it. */
export function storageQuotaError(detail: string | undefined): HearthError {
  let usage: { used?: number; quota?: number; size?: number } = {};
  try {
    usage = JSON.parse(detail ?? '{}') as typeof usage;
  } catch {
    // The message below still says what happened.
  }
  const { used, quota, size } = usage;
  const message =
    typeof used === 'number' && typeof quota === 'number'
      ? `Your storage is full: you are using ${megabytes(used)} of ${megabytes(quota)}${typeof size === 'number' ? `, and this file needs ${megabytes(size)}` : ''}. Delete files or conversations you no longer need to make room.`
      : 'Your storage is full. Delete files or conversations you no longer need to make room.';
  return new HearthError('payload_too_large', message, { publicCode: 'storage_quota', param: 'file' });
}

export function toHearthError(error: unknown): HearthError {
  if (isHearthError(error)) return error;
  const known = fromDatabaseError(error);
  if (known) return known;
  console.error('[hearth] internal error:', error);
  return new HearthError('internal', 'Something went wrong on our side. Please try again.');
}

/** The JSON error envelope every route answers with: `{error: {type, code?, message, param?}}`. */
export function errorResponse(error: unknown): Response {
  const e = toHearthError(error);
  const body = {
    type: e.type,
    ...(e.publicCode === undefined ? {} : { code: e.publicCode }),
    message: e.message,
    ...(e.param === undefined ? {} : { param: e.param }),
  };
  return Response.json({ error: body }, { status: e.status, headers: e.headers });
}
