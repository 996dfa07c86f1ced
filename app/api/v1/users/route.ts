import { preflight, publicApiRoute } from '@/lib/api/route';
import { signUpWithPassword } from '@/lib/auth/users';
import { addressOf, takeSignUpQuota } from '@/lib/rate-limit';
import { readJson } from '@/lib/validation/parse';

/** Creates an account without a browser, exactly as the sign-up page does. */
export const POST = publicApiRoute(async (request) => {
  const body = await readJson(request);
  await takeSignUpQuota(addressOf(request));
  const user = await signUpWithPassword(body);
  return Response.json({ id: user.id, email: user.email, name: user.name }, { status: 201 });
});

export const OPTIONS = preflight;
