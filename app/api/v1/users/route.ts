import { preflight, publicApiRoute } from '@/lib/api/route';
import { requestOrigin } from '@/lib/auth/request-origin';
import { guardSignUp } from '@/lib/auth/sign-up-guard';
import { signUpAnswerJson } from '@/lib/auth/sign-up-json';
import { signUpWithPassword } from '@/lib/auth/users';
import { addressOf } from '@/lib/rate-limit';
import { readJson } from '@/lib/validation/parse';

/**
 * Creates an account without a browser, exactly as the sign-up page does: the same 202 whether
 * the address was free or not (its owner gets an email instead), so it tells nobody who has an account.
 */
export const POST = publicApiRoute(async (request) => {
  const body = await readJson(request);
  // `humanCheck`: the Turnstile token, when the server asks for one (TURNSTILE_SITE_KEY).
  await guardSignUp(body, {
    address: addressOf(request),
    humanCheck: (body as { humanCheck?: unknown } | null)?.humanCheck,
  });
  const answer = await signUpWithPassword(body, requestOrigin(request.headers, new URL(request.url).origin));
  return Response.json(signUpAnswerJson(answer), { status: 202 });
});

export const OPTIONS = preflight;
