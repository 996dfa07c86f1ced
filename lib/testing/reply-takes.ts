import type { RateLimitedCaller, RateLimiter, SessionCheck } from '@/lib/rate-limit/limiter';

// A reply's take on a limiter built without spend options: the message buckets (with `request`,
// the request buckets too) and the session when given.
export const takeMessage = (limiter: RateLimiter, caller: RateLimitedCaller, address: string) =>
  limiter.takeReply(caller, address).then((r) => r.allowance);
export const takeRequestAndMessage = (
  limiter: RateLimiter,
  caller: RateLimitedCaller,
  address: string,
  session?: SessionCheck,
) => limiter.takeReply(caller, address, { session, request: true }).then((r) => r.allowance);
