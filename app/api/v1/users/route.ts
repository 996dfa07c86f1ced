import { signUpWithPassword } from '@/lib/auth/users';
import { errorResponse } from '@/lib/errors';
import { readJson } from '@/lib/validation/parse';

/** Creates an account without a browser, exactly as the sign-up page does. */
export async function POST(request: Request) {
  try {
    const user = await signUpWithPassword(await readJson(request));
    return Response.json({ id: user.id, email: user.email, name: user.name }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
