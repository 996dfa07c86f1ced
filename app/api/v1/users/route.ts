import { preflight, publicApiRoute } from '@/lib/api/route';
import { guardSignUp } from '@/lib/auth/sign-up-guard';
import { signUpWithPassword } from '@/lib/auth/users';
import { addressOf } from '@/lib/rate-limit';
import { readJson } from '@/lib/validation/parse';

/** Creates an account without a browser, exactly as the sign-up page does. */
export const POST = publicApiRoute(async (request) => {
  const body = await readJson(request);
  // `humanCheck`: the Turnstile token, when the server asks for one (TURNSTILE_SITE_KEY).
  await guardSignUp(body, { address: addressOf(request), humanCheck: (body as { humanCheck?: unknown } | null)?.humanCheck });
  const user = await signUpWithPassword(body);
  return Response.json({ id: user.id, email: user.email, name: user.name }, { status: 201 });
});

export const OPTIONS = preflight;
