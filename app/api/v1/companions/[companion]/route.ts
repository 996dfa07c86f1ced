import { companionJson } from '@/lib/api/companions';
import { requireApiUser } from '@/lib/auth/api-user';
import { companionBySlugOrId } from '@/lib/chat/companions';
import { errorResponse, HearthError } from '@/lib/errors';

type Context = { params: Promise<{ companion: string }> };

/** One companion, by slug or id. */
export async function GET(request: Request, context: Context) {
  try {
    const user = await requireApiUser(request);
    const companion = await companionBySlugOrId(user, (await context.params).companion);
    if (!companion) throw new HearthError('not_found', 'This companion does not exist.');
    return Response.json(companionJson(companion));
  } catch (error) {
    return errorResponse(error);
  }
}
