import { revokeApiKey } from '@/lib/auth/api-keys';
import { requireApiUser } from '@/lib/auth/api-user';
import { errorResponse } from '@/lib/errors';
import { uuid } from '@/lib/validation/chat';
import { parseWith } from '@/lib/validation/parse';

type Context = { params: Promise<{ id: string }> };

/** Revokes a key at once: the next request with it gets a 401. Someone else's key is "not found". */
export async function DELETE(request: Request, context: Context) {
  try {
    const user = await requireApiUser(request);
    await revokeApiKey(user, parseWith(uuid, (await context.params).id));
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
