import { preflight, publicApiRoute } from '@/lib/api/route';
import { signUpWithPassword } from '@/lib/auth/users';
import { readJson } from '@/lib/validation/parse';

/** Creates an account without a browser, exactly as the sign-up page does. */
export const POST = publicApiRoute(async (request) => {
  const user = await signUpWithPassword(await readJson(request));
  return Response.json({ id: user.id, email: user.email, name: user.name }, { status: 201 });
});

export const OPTIONS = preflight;
