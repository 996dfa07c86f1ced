import { companionJson } from '@/lib/companions/json';
import { apiRoute, preflight } from '@/lib/api/route';
import { availableCompanions } from '@/lib/companions/service';

/** The companions the caller can talk to, alphabetically. */
export const GET = apiRoute(async (request, context, caller) => {
  const companions = await availableCompanions(caller);
  return Response.json({ data: companions.map(companionJson) });
});

export const OPTIONS = preflight;
