import { requireApiUser, type ApiCaller } from '@/lib/auth/api-user';
import { errorResponse, HearthError } from '@/lib/errors';
import { addCorsHeaders, preflightResponse } from './cors';
import { apiRateLimiter, type RateLimitDecision } from './rate-limit';

type RouteContext<Params> = { params: Promise<Params> };
type RouteHandler<Params> = (request: Request, context: RouteContext<Params>) => Promise<Response>;

/**
 * A REST API route for a signed-in caller (bearer key or session): CORS, authentication, the rate
 * limit (per key and per user) and the error envelope in one place, so the handler only turns
 * input into output. Export OPTIONS = preflight beside it.
 */
export function apiRoute<Params = object>(
  handler: (request: Request, context: RouteContext<Params>, caller: ApiCaller) => Promise<Response>,
  options: { rateLimited?: boolean } = {},
): RouteHandler<Params> {
  return (request, context) =>
    answer(request, async () => {
      const caller = await requireApiUser(request);
      // Reading a file (an <img> in the chat) is not counted: a page of pictures would use up the budget.
      if (options.rateLimited === false) return handler(request, context, caller);
      const decision = apiRateLimiter().take(rateLimitBuckets(caller));
      if (!decision.allowed) return rateLimitedResponse(decision);
      const response = await handler(request, context, caller);
      response.headers.set('x-ratelimit-limit', String(decision.limit));
      response.headers.set('x-ratelimit-remaining', String(decision.remaining));
      return response;
    });
}

/**
 * A REST API route anyone may call (the model list, sign-up): CORS and the error envelope, no
 * rate limit, which would have to count by client IP, and that is only as trustworthy as the proxy
 * in front.
 */
export function publicApiRoute<Params = object>(handler: RouteHandler<Params>): RouteHandler<Params> {
  return (request, context) => answer(request, () => handler(request, context));
}

/** Every REST API route file's OPTIONS: the CORS preflight. */
export async function preflight(request: Request): Promise<Response> {
  return preflightResponse(request);
}

async function answer(request: Request, respond: () => Promise<Response>): Promise<Response> {
  const response = await respond().catch(errorResponse);
  addCorsHeaders(request, response.headers);
  return response;
}

function rateLimitBuckets(caller: ApiCaller): string[] {
  const user = `user:${caller.id}`;
  return caller.keyHash === null ? [user] : [`key:${caller.keyHash}`, user];
}

function rateLimitedResponse(decision: Extract<RateLimitDecision, { allowed: false }>): Response {
  const seconds = decision.retryAfterSeconds;
  const response = errorResponse(
    new HearthError('rate_limited', `Too many requests: at most ${decision.limit} a minute. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`),
  );
  response.headers.set('retry-after', String(seconds));
  response.headers.set('x-ratelimit-limit', String(decision.limit));
  response.headers.set('x-ratelimit-remaining', '0');
  return response;
}
