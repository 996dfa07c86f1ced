import { companionJson } from '@/lib/api/companions';
import { requireApiUser } from '@/lib/auth/api-user';
import { availableCompanions } from '@/lib/chat/companions';
import { errorResponse } from '@/lib/errors';

/** The companions the caller can talk to, alphabetically. */
export async function GET(request: Request) {
  try {
    const companions = await availableCompanions(await requireApiUser(request));
    return Response.json({ data: companions.map(companionJson) });
  } catch (error) {
    return errorResponse(error);
  }
}
