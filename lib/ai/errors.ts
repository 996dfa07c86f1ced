import { APICallError } from '@ai-sdk/provider';
import { RetryError } from 'ai';
import { remoteProvider } from './providers';

/**
 * What a person is told when a model fails, by cause, in product language: never a key or a
 * setting's name, never a stack. The full (redacted) error is what the message row keeps.
 */
export function publicModelError(error: unknown, modelId: string): string {
  const name = providerName(modelId);
  const cause = rootCause(error);
  if (APICallError.isInstance(cause)) {
    const status = cause.statusCode ?? 0;
    if (status === 401 || status === 403)
      return `${name} turned this server away, so it can’t answer right now. Pick another model, or let whoever runs this Hearth know.`;
    if (status === 429) {
      const wait = Number(cause.responseHeaders?.['retry-after']);
      return Number.isFinite(wait) && wait > 0
        ? `${name} is busy (rate limited). Try again in ${Math.ceil(wait)} seconds.`
        : `${name} is busy (rate limited). Try again in a moment.`;
    }
    if (status >= 500) return `${name} had a problem on its side. Try again.`;
  }
  if (cause instanceof Error && /timeout|timed out/i.test(`${cause.name} ${cause.message}`)) {
    return `${name} took too long to answer. Try again.`;
  }
  return 'The companion could not finish this reply. Try again.';
}

function providerName(modelId: string): string {
  const providerId = modelId.split('/')[0] ?? '';
  return remoteProvider(providerId)?.label ?? 'The model';
}

/** The error the SDK gave up on: the last attempt's, when it retried. */
function rootCause(error: unknown): unknown {
  return RetryError.isInstance(error) ? error.lastError : error;
}

/**
 * Whether a failure before the first token should move the turn to the companion's next model:
 * the provider's side broke (5xx, a dropped or refused connection, a timeout). A rejected key,
 * a rate limit or a bad request is the deployment's or the request's problem and is reported.
 */
export function isProviderOutage(error: unknown): boolean {
  const cause = rootCause(error);
  if (APICallError.isInstance(cause)) {
    const status = cause.statusCode;
    // No status, or a 200 whose body broke off: the connection failed, not the request.
    if (status === undefined || status < 400) return cause.isRetryable || isConnectionFailure(cause.cause);
    return status >= 500 || status === 408;
  }
  return cause instanceof ModelTimeoutError || isConnectionFailure(cause);
}

function isConnectionFailure(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    /fetch failed|terminated|socket|network/i.test(`${error.message} ${String(error.cause ?? '')}`)
  );
}

/** Our watchdogs' error: no first token, or too long a gap between tokens. */
export class ModelTimeoutError extends Error {
  override name = 'ModelTimeoutError';
}

/** The error as saved and logged: with its cause, and never with a configured key in it. */
export function redactedMessage(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  const text = (error instanceof Error ? error.message : String(error)) + cause;
  return secretValues().reduce((redacted, secret) => redacted.replaceAll(secret, '[redacted]'), text);
}

function secretValues(): string[] {
  return Object.entries(process.env)
    .filter(([name, value]) => /(_API_KEY|_SECRET|_TOKEN|_SERVICE_ROLE_KEY)$/.test(name) && value && value.length >= 8)
    .map(([, value]) => value!);
}
