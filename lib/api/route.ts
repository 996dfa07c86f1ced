import { requireApiUser, type ApiCaller } from '@/lib/auth/api-user';
import { requireRequestSession, type SessionCaller } from '@/lib/auth/session';
import { errorResponse } from '@/lib/errors';
import { addressOf, takeRequestQuota, type Allowance } from '@/lib/rate-limit';
import { addCorsHeaders, preflightResponse } from './cors';
import { assertSameSiteWrite, type BodyKind } from './same-origin';

export type RouteContext<Params> = { params: Promise<Params> };
export type RouteHandler<Params> = (request: Request, context: RouteContext<Params>) => Promise<Response>;

export type ApiRouteOptions = {
  /** false for reads a page makes many of (an <img>'s file); counted otherwise. */
  rateLimited?: boolean;
  /** The bodies the route takes; a browser session's write with another type is a 415. JSON by default. */
  accepts?: readonly BodyKind[];
};

/**
 * A REST API route for a signed-in caller (bearer key or session): CORS, authentication, the
 * cross-site check of session writes, the rate limit (per key, per user and per client address)
 * and the error envelope in one place, so the handler only turns input into output. Export
 * OPTIONS = preflight beside it.
 */
export function apiRoute<Params = object>(
  handler: (request: Request, context: RouteContext<Params>, caller: ApiCaller) => Promise<Response>,
  options: ApiRouteOptions = {},
): RouteHandler<Params> {
  return (request, context) =>
    answer(request, async () => {
      // Only the cookie rides along on another site's request; a bearer key is sent on purpose.
      if (!request.headers.has('authorization')) assertSameSiteWrite(request, options.accepts);
      const caller = await requireApiUser(request);
      // Reading a file (an <img> in the chat) is not counted: a page of pictures would use up the budget.
      if (options.rateLimited === false) return handler(request, context, caller);
      const allowance = await takeRequestQuota(caller, addressOf(request));
      return withAllowance(await handler(request, context, caller), allowance);
    });
}

/**
 * A REST API route anyone may call (the model list, sign-up): CORS, the error envelope, and the
 * rate limit of the caller's client address.
 */
export function publicApiRoute<Params = object>(handler: RouteHandler<Params>): RouteHandler<Params> {
  return (request, context) =>
    answer(request, async () => {
      const allowance = await takeRequestQuota(null, addressOf(request));
      return withAllowance(await handler(request, context), allowance);
    });
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

function withAllowance(response: Response, allowance: Allowance | null): Response {
  if (!allowance) return response;
  response.headers.set('x-ratelimit-limit', String(allowance.limit));
  response.headers.set('x-ratelimit-remaining', String(allowance.remaining));
  return response;
}

/**
 * A route outside the REST API (the web chat, avatars, health, cron): writes only from this site's pages,
 * with a body of a type the route takes (JSON unless `accepts` says otherwise), and the error
 * envelope. The handler authenticates as it needs: the chat checks its session in the same round
 * trip as its quota; an avatar is shown to guests and signed-in people alike.
 */
export function siteRoute<Params = object>(
  handler: RouteHandler<Params>,
  { accepts }: { accepts?: readonly BodyKind[] } = {},
): RouteHandler<Params> {
  return async (request, context) => {
    try {
      assertSameSiteWrite(request, accepts);
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** A page route for a signed-in person only: a 401 with `signIn` as its message otherwise. */
export function sessionRoute<Params = object>(
  handler: (request: Request, context: RouteContext<Params>, caller: SessionCaller) => Promise<Response>,
  { signIn }: { signIn: string },
): RouteHandler<Params> {
  return siteRoute(async (request, context) => handler(request, context, await requireRequestSession(request, signIn)));
}
