/**
 * A 429 from the chat route, with when sending works again (from its Retry-After) and which limit
 * it was (the error envelope's `code`).
 */
export class RateLimitedError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly retryAt: Date,
  ) {
    super(message);
    this.name = 'RateLimitedError';
  }
}

/**
 * The chat transport's fetch over `base`: a 429 becomes a RateLimitedError. The AI SDK would
 * otherwise turn the response into an error holding only its body, without the Retry-After header.
 */
export function rateLimitAware(base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (response.status !== 429) return response;
    const seconds = Number(response.headers.get('retry-after'));
    const body = (await response.json().catch(() => null)) as { error?: { message?: string; code?: string } } | null;
    const retryAt = new Date(Date.now() + (Number.isFinite(seconds) && seconds > 0 ? seconds : 60) * 1000);
    throw new RateLimitedError(body?.error?.message ?? 'Too many messages.', body?.error?.code, retryAt);
  };
}

/** What the composer says: when, in the person's own clock, they can send again. */
export function rateLimitNotice(error: RateLimitedError, now = Date.now()): string {
  const seconds = Math.max(1, Math.ceil((error.retryAt.getTime() - now) / 1000));
  const when =
    seconds <= 60
      ? `in ${seconds} second${seconds === 1 ? '' : 's'}`
      : `at ${error.retryAt.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' })}`;
  switch (error.code) {
    case 'messages_per_hour':
      return `You’ve sent a lot of messages this hour — you can send more ${when}.`;
    case 'requests_per_minute':
      return `That’s a lot of messages in a short time — you can send again ${when}.`;
    case 'daily_budget':
      return `You’ve used today’s allowance of replies — you can send more ${when}.`;
    case 'concurrent_streams':
      return `${error.message} Then you can send again.`;
    default:
      return `${error.message.replace(/\s*(Try again|You can send more) in [^.]*\.$/, '')} You can send again ${when}.`;
  }
}

/**
 * Whether to offer a guest an account when refused: accounts get more messages an hour and a
 * larger daily allowance than guests (the same user id keeps counting, at the account's limit).
 */
export function offersAccount(error: RateLimitedError, isGuest: boolean): boolean {
  return isGuest && (error.code === 'messages_per_hour' || error.code === 'daily_budget');
}
