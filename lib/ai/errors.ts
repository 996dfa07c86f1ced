import { APICallError } from '@ai-sdk/provider';
import { RetryError } from 'ai';
import { remoteProvider } from './providers';

/**
 * What a person is told when a model fails, by cause: never a key, never a stack. The full
 * (redacted) error is what the message row keeps.
 */
export function publicModelError(error: unknown, modelId: string): string {
  const name = providerName(modelId);
  const cause = RetryError.isInstance(error) ? error.lastError : error;
  if (APICallError.isInstance(cause)) {
    const status = cause.statusCode ?? 0;
    if (status === 401 || status === 403) return `${name} rejected its API key. Check the key in the server's settings.`;
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
