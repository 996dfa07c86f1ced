import { apiRoute, preflight } from '@/lib/api/route';
import { callForTurn } from '@/lib/calls/calls';
import { withUser } from '@/lib/db/scope';
import { iceConfiguration } from '@/lib/calls/media/ice';
import { pathId } from '@/lib/validation/ids';
import { parseWith } from '@/lib/validation/parse';

/** The STUN and TURN servers for a call's WebRTC connection, with TURN credentials of the caller's own. */
export const GET = apiRoute<{ id: string }>(async (request, context, caller) => {
  const { id } = parseWith(pathId, await context.params);
  // Credentials only for a call that can still take turns: ended is a 409, expired a 410.
  await withUser(caller, (tx) => callForTurn(tx, id));
  const { iceServers, expiresAt } = iceConfiguration(caller.id);
  return Response.json(
    { ice_servers: iceServers, expires_at: expiresAt.toISOString() },
    { headers: { 'cache-control': 'no-store' } },
  );
});

export const OPTIONS = preflight;
